import { BondTooLowError } from '@openledger/staking'
import type { Address } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import { countPendingReceipts } from '../ledger/countPendingReceipts.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { listEpochs } from '../ledger/listEpochs.js'
import { reopenEpoch } from '../ledger/reopenEpoch.js'
import { closeEpoch } from './closeEpoch.js'
import { closePostedEpoch } from './closePostedEpoch.js'
import { readRouter, sameSplits } from './readRouter.js'
import { sendEpoch } from './sendEpoch.js'
import { syncBalances } from './syncBalances.js'
import { ledgerOf, type Settler } from './types.js'

export type SettleNextEpochReturnType = {
  /** The epoch this call posted (its dispute window now open); undefined when it posted none. */
  posted: LedgerEpoch | undefined
  /** True when the posted epoch was written before (a crash or a failed send) and this call finished it. */
  resumed: boolean
  /** Epochs this call saw become final (finalised by it once their window passed, or by anyone). */
  finalized: LedgerEpoch[]
  /** Vetoed epochs whose charges this call saw refunded: their receipts wait again for a later epoch. */
  vetoed: LedgerEpoch[]
  /** Payers whose post failed (cap lowered, authorisation withdrawn, balance withdrawn): their receipts wait. */
  carried: Address[]
}

/** How many payers one call may carry before it gives up (and the next call plans afresh from the chain). */
const MAX_CARRIED = 20

/**
 * Advances settlement by one step on-chain. First a posted epoch is taken as far as the chain allows (finalised
 * once its dispute window has passed; refunded, its receipts waiting again, once vetoed); then, when no epoch is
 * pending, an epoch the ledger wrote but did not post is finished (resumed), or the next one is closed from the
 * waiting receipts, written ahead and posted as one `postEpoch`. A post refused because of one payer carries that
 * payer's receipts and the epoch is planned again without them, so one payer never blocks an epoch. An unsent
 * epoch planned under splits the Safe has since changed is planned again. Undefined when there was nothing to do.
 *
 * @example
 * const step = await settleNextEpoch(settler)
 * if (step?.posted) console.log(`epoch ${step.posted.epoch}: ${step.posted.receiptCount} receipts`)
 */
export async function settleNextEpoch(settler: Settler): Promise<SettleNextEpochReturnType | undefined> {
  const ledger = ledgerOf(settler)
  const result: SettleNextEpochReturnType = {
    posted: undefined,
    resumed: false,
    finalized: [],
    vetoed: [],
    carried: [],
  }
  for (const epoch of await listEpochs(settler.store, ledger, { status: ['posted'] })) {
    const outcome = await closePostedEpoch(settler, epoch)
    if (outcome !== 'waiting')
      result[outcome === 'final' ? 'finalized' : 'vetoed'].push(await reread(settler, epoch))
  }
  const chain = await readRouter(settler)
  let [open] = await listEpochs(settler.store, ledger, { status: ['built', 'sent'] })
  if (open?.status === 'built' && open.epoch > chain.lastEpoch && !sameSplits(open.splits, chain.splits)) {
    await reopenEpoch(settler.store, ledger, open.epoch)
    open = undefined
  }
  // One pending epoch at a time: only the ledger's own, posted before a crash it did not record, goes on.
  if (chain.pending && chain.pending.epoch !== open?.epoch) return done(result)
  // A settler slashed below the minimum posts nothing until it bonds again (checked before writing anything).
  if (!open && chain.bond < chain.minSettlerBond && (await countPendingReceipts(settler.store, ledger)) > 0)
    throw new BondTooLowError({
      settler: settler.account.address,
      bond: chain.bond,
      minimum: chain.minSettlerBond,
    })
  const excluded = new Set<Address>()
  for (let attempt = 0; attempt <= MAX_CARRIED; attempt++) {
    const epoch = open ?? (await closeEpoch(settler, chain, excluded))
    if (!epoch) break
    const outcome = await sendEpoch(settler, epoch)
    if (outcome.posted) {
      result.posted = await reread(settler, epoch)
      result.resumed = epoch === open
      break
    }
    await reopenEpoch(settler.store, ledger, epoch.epoch, { reverted: outcome.sent })
    // What the chain now lets it be charged: the gateway stops serving it until it pays or raises its cap.
    await syncBalances(settler, [outcome.payer])
    excluded.add(outcome.payer)
    result.carried.push(outcome.payer)
    open = undefined
  }
  return done(result)
}

async function reread(settler: Settler, epoch: LedgerEpoch): Promise<LedgerEpoch> {
  const [now] = await listEpochs(settler.store, ledgerOf(settler), { epoch: epoch.epoch })
  if (!now) throw new LedgerDivergedError(epoch.epoch, 'the ledger lost it')
  return now
}

function done(result: SettleNextEpochReturnType): SettleNextEpochReturnType | undefined {
  const nothing =
    !result.posted && result.finalized.length + result.vetoed.length + result.carried.length === 0
  return nothing ? undefined : result
}
