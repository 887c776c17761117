import { EpochOutOfOrderError, settleEpoch } from '@openledger/staking'
import { LedgerDivergedError } from '../errors.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { updateEpochStatus } from '../ledger/updateEpochStatus.js'
import { confirmEpoch } from './confirmEpoch.js'
import { readRouter } from './readRouter.js'
import { ledgerOf, type Settler } from './types.js'

/**
 * Takes a written-ahead epoch to settled, whatever happened before: when the chain already holds it (the
 * transaction landed before a crash) it is only confirmed; when a transaction was sent before a crash, that
 * one is waited for first; otherwise `settleEpoch` is sent once, its hash written as soon as it is out. The
 * contract accepts each epoch number once, so even a second send cannot settle twice.
 */
export async function sendEpoch(settler: Settler, epoch: LedgerEpoch): Promise<void> {
  const { lastEpoch } = await readRouter(settler)
  if (lastEpoch >= epoch.epoch) return confirmEpoch(settler, epoch, undefined)
  if (lastEpoch + 1n !== epoch.epoch)
    throw new LedgerDivergedError(epoch.epoch, `the chain's last settled epoch is ${lastEpoch}`)
  if (epoch.txHash && (await landed(settler, epoch))) return confirmEpoch(settler, epoch, undefined)

  const ledger = ledgerOf(settler)
  let mined: { txHash: `0x${string}`; blockNumber: bigint }
  try {
    const { hash, receipt } = await settleEpoch(settler.connection, settler.contracts, {
      account: settler.account,
      ...epoch.call,
      onSent: (txHash) =>
        updateEpochStatus(settler.store, ledger, { epoch: epoch.epoch, status: 'sent', txHash }),
    })
    mined = { txHash: hash, blockNumber: receipt.blockNumber }
  } catch (error) {
    // Another transaction for this epoch (an earlier send still pending) won the race: confirm it.
    if (error instanceof EpochOutOfOrderError && (await readRouter(settler)).lastEpoch >= epoch.epoch)
      return confirmEpoch(settler, epoch, undefined)
    throw error
  }
  await settler.hooks?.afterSettleMined?.(epoch.epoch, mined.txHash)
  await confirmEpoch(settler, epoch, mined)
}

/** Waits (bounded) for a transaction sent before a crash; true when it settled the epoch. */
async function landed(settler: Settler, epoch: LedgerEpoch): Promise<boolean> {
  try {
    await settler.connection.publicClient.waitForTransactionReceipt({
      hash: epoch.txHash!,
      timeout: settler.resendAfterMs ?? 60_000,
    })
  } catch {
    return false
  }
  return (await readRouter(settler)).lastEpoch >= epoch.epoch
}
