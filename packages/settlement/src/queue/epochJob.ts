import type { StoreSession } from '@openledger/store'
import type { Queue } from 'bullmq'
import { type Address, getAddress } from 'viem'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { listEpochs } from '../ledger/listEpochs.js'
import type { LedgerRef } from '../ledger/tables.js'
import type { SettleNextEpochReturnType } from '../settle/settleNextEpoch.js'
import type { SettlementEvent } from './startSettlementWorker.js'

/** An `epoch` job's result: what `settleNextEpoch` did, by epoch number (BullMQ keeps results as JSON). */
export type EpochJobResult = {
  posted: string | null
  resumed: boolean
  finalized: string[]
  vetoed: string[]
  carried: string[]
}

/** The name of the job that advances settlement; the scheduler, the receipt count and window closes add it. */
export const CLOSE_JOB = 'close-epoch'

/** What a step did, as the job's JSON result. */
export function toJobResult(step: SettleNextEpochReturnType | undefined): EpochJobResult | null {
  if (!step) return null
  const numbers = (epochs: LedgerEpoch[]) => epochs.map((e) => e.epoch.toString())
  return {
    posted: step.posted?.epoch.toString() ?? null,
    resumed: step.resumed,
    finalized: numbers(step.finalized),
    vetoed: numbers(step.vetoed),
    carried: step.carried,
  }
}

/** A job's result read back into epochs from the ledger. */
export async function fromJobResult(
  store: StoreSession,
  ledger: LedgerRef,
  result: EpochJobResult | null,
): Promise<SettleNextEpochReturnType | null> {
  if (!result) return null
  const epochs = async (numbers: string[]) =>
    (await Promise.all(numbers.map((n) => listEpochs(store, ledger, { epoch: BigInt(n) })))).flat()
  const [posted] = result.posted ? await epochs([result.posted]) : []
  return {
    posted,
    resumed: result.resumed,
    finalized: await epochs(result.finalized),
    vetoed: await epochs(result.vetoed),
    carried: result.carried.map((payer) => getAddress(payer) as Address),
  }
}

/** Tells `onEvent` what a step did. */
export function reportStep(
  step: SettleNextEpochReturnType | undefined,
  onEvent: ((event: SettlementEvent) => void) | undefined,
): void {
  if (!step || !onEvent) return
  for (const e of step.finalized) onEvent({ type: 'epoch-finalized', epoch: e.epoch, txHash: e.finalTxHash })
  for (const e of step.vetoed)
    onEvent({ type: 'epoch-vetoed', epoch: e.epoch, receipts: e.receiptCount, refundTxHash: e.refundTxHash })
  for (const payer of step.carried) onEvent({ type: 'payer-carried', payer })
  const e = step.posted
  if (e)
    onEvent({
      type: 'epoch-posted',
      epoch: e.epoch,
      receipts: e.receiptCount,
      txHash: e.txHash,
      finalizesAt: e.finalizesAt,
      resumed: step.resumed,
    })
}

/**
 * Adds a job for when a posted epoch's dispute window closes (by the wall clock, a second after), once per
 * epoch, so it is finalised then rather than at the next scheduled run.
 */
export async function scheduleFinalize(epochs: Queue, epoch: LedgerEpoch | undefined): Promise<void> {
  if (epoch?.status !== 'posted' || epoch.finalizesAt === null) return
  const delay = Math.max(0, Number(epoch.finalizesAt) * 1000 - Date.now() + 1000)
  await epochs.add(CLOSE_JOB, {}, { delay, deduplication: { id: `finalize-${epoch.epoch}` } })
}
