import { withTransaction } from '@openledger/store'
import type { Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { saveBalances } from '../ledger/saveBalances.js'
import { updateEpochStatus } from '../ledger/updateEpochStatus.js'
import { findClosing, findPosted } from './findEpochEvents.js'
import { readEpochRecord } from './readRouter.js'
import { readBalances } from './syncBalances.js'
import { ledgerOf, type Settler } from './types.js'

/**
 * Marks an epoch posted once the chain holds it with the ledger's roots, with when its dispute window closes,
 * and in the same transaction records its payers' balances as the chain now has them (its charges are in
 * escrow). Throws `LedgerDivergedError` when the chain never posted it or holds other roots.
 */
export async function confirmPosted(
  settler: Settler,
  epoch: LedgerEpoch,
  mined?: { txHash: Hex; blockNumber: bigint },
): Promise<void> {
  const record = await readEpochRecord(settler, epoch.epoch)
  if (record.status === 'none') throw new LedgerDivergedError(epoch.epoch, 'the chain has not posted it')
  for (const root of ['receiptsRoot', 'payoutsRoot'] as const)
    if (record[root].toLowerCase() !== epoch[root].toLowerCase())
      throw new LedgerDivergedError(
        epoch.epoch,
        `the chain's ${root} is ${record[root]}, the ledger's ${epoch[root]}`,
      )
  const posted = await findPosted(settler, epoch.epoch)
  if (!posted) throw new LedgerDivergedError(epoch.epoch, 'no EpochPosted event was found for it')
  const balances = await readBalances(
    settler,
    epoch.call.charges.map((c) => c.payer),
  )
  await withTransaction(settler.store, async (tx) => {
    await updateEpochStatus(tx, ledgerOf(settler), {
      epoch: epoch.epoch,
      status: 'posted',
      txHash: mined?.txHash ?? posted.txHash,
      blockNumber: mined?.blockNumber ?? posted.blockNumber,
      finalizesAt: posted.finalizesAt,
    })
    await saveBalances(tx, ledgerOf(settler), balances)
  })
}

/** Marks a posted epoch final (the chain finalised it: by this settler, or by anyone). */
export async function confirmFinal(settler: Settler, epoch: LedgerEpoch, txHash?: Hex): Promise<void> {
  await updateEpochStatus(settler.store, ledgerOf(settler), {
    epoch: epoch.epoch,
    status: 'final',
    txHash: txHash ?? (await findClosing(settler, epoch.epoch, 'EpochFinalized')),
  })
}

/**
 * Marks a posted epoch vetoed once its charges are refunded on-chain: in one transaction its receipts go back
 * to wait for a later epoch and its payers' balances (refunded, their cap usage given back) are read again.
 */
export async function confirmVetoed(settler: Settler, epoch: LedgerEpoch, txHash?: Hex): Promise<void> {
  const refund = txHash ?? (await findClosing(settler, epoch.epoch, 'ChargesRefunded'))
  const balances = await readBalances(
    settler,
    epoch.call.charges.map((c) => c.payer),
  )
  await withTransaction(settler.store, async (tx) => {
    await updateEpochStatus(tx, ledgerOf(settler), { epoch: epoch.epoch, status: 'vetoed', txHash: refund })
    await saveBalances(tx, ledgerOf(settler), balances)
  })
}
