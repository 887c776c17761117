import {
  DisputeWindowOpenError,
  finalizeEpoch,
  NotPendingError,
  NotRefundableError,
  refundCharges,
} from '@openledger/staking'
import { LedgerDivergedError } from '../errors.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { confirmFinal, confirmVetoed } from './confirmEpoch.js'
import { readEpochRecord, readRouter } from './readRouter.js'
import type { Settler } from './types.js'

/** What became of a posted epoch: final, vetoed (refunded, its receipts waiting again), or still in its window. */
export type PostedEpochOutcome = 'final' | 'vetoed' | 'waiting'

/**
 * Takes a posted epoch as far as the chain lets it go: once its dispute window has passed (block time) it is
 * finalised (`finalizeEpoch`, with the agents and adapter creators it was posted with); once the Safe has vetoed
 * it, its charges are refunded (`refundCharges`) and its receipts wait again for a later epoch. Whoever finalised
 * or refunded it on-chain (anyone may), the ledger follows. Each is sent once and the contract accepts each
 * once, so a crash anywhere repeats nothing: the next call reads where the chain stands.
 */
export async function closePostedEpoch(settler: Settler, epoch: LedgerEpoch): Promise<PostedEpochOutcome> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const record = await readEpochRecord(settler, epoch.epoch)
    try {
      switch (record.status) {
        case 'final':
          await confirmFinal(settler, epoch)
          return 'final'
        case 'refunded':
          await confirmVetoed(settler, epoch)
          return 'vetoed'
        case 'vetoed':
          return await refund(settler, epoch)
        case 'pending':
          return await finalize(settler, epoch)
        default:
          throw new LedgerDivergedError(epoch.epoch, 'the ledger has it posted but the chain never posted it')
      }
    } catch (error) {
      // Someone else finalised or refunded it first: read the chain again.
      if (error instanceof NotPendingError || error instanceof NotRefundableError) continue
      throw error
    }
  }
  return 'waiting'
}

async function finalize(settler: Settler, epoch: LedgerEpoch): Promise<PostedEpochOutcome> {
  const { now } = await readRouter(settler)
  if (epoch.finalizesAt === null || now < epoch.finalizesAt) return 'waiting'
  let hash: `0x${string}`
  try {
    ;({ hash } = await finalizeEpoch(settler.connection, settler.contracts, {
      account: settler.account,
      epoch: epoch.epoch,
      agents: epoch.call.agents,
      adapterCreators: epoch.call.adapterCreators,
    }))
  } catch (error) {
    // The wall clock passed the window, but the chain's next block is not there yet.
    if (error instanceof DisputeWindowOpenError) return 'waiting'
    throw error
  }
  await settler.hooks?.afterFinalizeMined?.(epoch.epoch, hash)
  await confirmFinal(settler, epoch, hash)
  return 'final'
}

async function refund(settler: Settler, epoch: LedgerEpoch): Promise<PostedEpochOutcome> {
  const { hash } = await refundCharges(settler.connection, settler.contracts, {
    account: settler.account,
    epoch: epoch.epoch,
    charges: epoch.call.charges,
  })
  await settler.hooks?.afterRefundMined?.(epoch.epoch, hash)
  await confirmVetoed(settler, epoch, hash)
  return 'vetoed'
}
