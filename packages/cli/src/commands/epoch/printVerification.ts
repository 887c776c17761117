import type { VerifyEpochReturnType } from '@openledger/settlement'
import type { Context } from '../../context.js'

/** One line for a matching epoch; for a mismatch, one line per difference. */
export function printVerification(context: Context, result: VerifyEpochReturnType): void {
  const { posted, differences, receiptCount } = result
  const head = `Epoch ${posted.epoch} (${posted.status}, posted by ${posted.settler} in ${posted.txHash})`
  if (differences.length === 0) {
    context.io.out(`${head} matches its ${receiptCount} published receipts.`)
    return
  }
  context.io.out(`${head} does NOT match its ${receiptCount} published receipts:`)
  for (const d of differences)
    context.io.out(`  ${d.field}${d.key ? ` ${d.key}` : ''}: posted ${d.posted}, receipts give ${d.expected}`)
}
