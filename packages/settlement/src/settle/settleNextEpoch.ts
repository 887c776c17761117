import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { listEpochs } from '../ledger/listEpochs.js'
import { reopenEpoch } from '../ledger/reopenEpoch.js'
import { closeEpoch } from './closeEpoch.js'
import { readRouter, sameSplits } from './readRouter.js'
import { sendEpoch } from './sendEpoch.js'
import { ledgerOf, type Settler } from './types.js'

export type SettleNextEpochReturnType = {
  epoch: LedgerEpoch
  /** True when the epoch was written before (a crash or a failed send) and this call finished it. */
  resumed: boolean
}

/**
 * Settles one epoch on-chain. An epoch the ledger wrote but did not finish comes first (resumed); otherwise
 * the next epoch is closed from the waiting receipts, written ahead and sent as one `settleEpoch`. An unsent
 * epoch planned under splits the Safe has since changed is planned again. Undefined when nothing waits.
 *
 * @example
 * const settled = await settleNextEpoch(settler)
 * if (settled) console.log(`epoch ${settled.epoch.epoch}: ${settled.epoch.receiptCount} receipts`)
 */
export async function settleNextEpoch(settler: Settler): Promise<SettleNextEpochReturnType | undefined> {
  const ledger = ledgerOf(settler)
  const chain = await readRouter(settler)
  let [open] = await listEpochs(settler.store, ledger, { status: ['built', 'sent'] })
  if (open?.status === 'built' && open.epoch > chain.lastEpoch && !sameSplits(open.splits, chain.splits)) {
    await reopenEpoch(settler.store, ledger, open.epoch)
    open = undefined
  }
  const epoch = open ?? (await closeEpoch(settler, chain))
  if (!epoch) return undefined
  await sendEpoch(settler, epoch)
  const [settled] = await listEpochs(settler.store, ledger, { epoch: epoch.epoch })
  return { epoch: settled!, resumed: open !== undefined }
}
