import {
  ChargeAboveCapError,
  ChargeNotAuthorizedError,
  EpochOutOfOrderError,
  EpochPendingError,
  InsufficientBalanceError,
  postEpoch,
} from '@openledger/staking'
import { type Address, getAddress, type Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { updateEpochStatus } from '../ledger/updateEpochStatus.js'
import { confirmPosted } from './confirmEpoch.js'
import { readEpochRecord, readRouter } from './readRouter.js'
import { ledgerOf, type Settler } from './types.js'

/** What became of a written-ahead epoch: posted, or refused because of one payer (whose charges must wait). */
export type SendEpochOutcome =
  | { posted: true }
  | {
      posted: false
      /** The payer the contract named: not authorised, above its cap, or short of balance. */
      payer: Address
      /** Whether the refused transaction was sent (and reverted on-chain) rather than refused in simulation. */
      sent: boolean
      error: Error
    }

/**
 * Takes a written-ahead epoch to posted, whatever happened before: when the chain already holds it (the
 * transaction landed before a crash) it is only confirmed; when a transaction was sent before a crash, that
 * one is waited for first; otherwise `postEpoch` is sent once, its hash written as soon as it is out. FeeRouter
 * takes each epoch number once, so even a second send cannot post twice. A post the contract refuses because of
 * one payer (`ChargeNotAuthorizedError`, `ChargeAboveCapError`, `InsufficientBalanceError`: it lowered its cap
 * or withdrew since the epoch was planned) comes back as that payer, for the caller to carry it.
 */
export async function sendEpoch(settler: Settler, epoch: LedgerEpoch): Promise<SendEpochOutcome> {
  const onChain = async () => (await readEpochRecord(settler, epoch.epoch)).status !== 'none'
  if (await onChain()) return confirmed(settler, epoch)
  const { lastEpoch, pending } = await readRouter(settler)
  if (lastEpoch + 1n !== epoch.epoch)
    throw new LedgerDivergedError(epoch.epoch, `the chain's last posted epoch is ${lastEpoch}`)
  if (pending)
    throw new LedgerDivergedError(
      epoch.epoch,
      `the chain's epoch ${pending.epoch} is pending, not this ledger's`,
    )
  if (epoch.txHash && (await landed(settler, epoch.txHash)) && (await onChain()))
    return confirmed(settler, epoch)

  let sent = false
  let mined: { txHash: Hex; blockNumber: bigint }
  try {
    const { hash, receipt } = await postEpoch(settler.connection, settler.contracts, {
      account: settler.account,
      ...epoch.call,
      onSent: async (txHash) => {
        sent = true
        await updateEpochStatus(settler.store, ledgerOf(settler), {
          epoch: epoch.epoch,
          status: 'sent',
          txHash,
        })
      },
    })
    mined = { txHash: hash, blockNumber: receipt.blockNumber }
  } catch (error) {
    const payer = payerOf(error)
    if (payer) return { posted: false, payer, sent, error: error as Error }
    // Another transaction for this epoch (an earlier send still pending) won the race: confirm it.
    if ((error instanceof EpochOutOfOrderError || error instanceof EpochPendingError) && (await onChain()))
      return confirmed(settler, epoch)
    throw error
  }
  await settler.hooks?.afterPostMined?.(epoch.epoch, mined.txHash)
  await confirmPosted(settler, epoch, mined)
  return { posted: true }
}

async function confirmed(settler: Settler, epoch: LedgerEpoch): Promise<SendEpochOutcome> {
  await confirmPosted(settler, epoch)
  return { posted: true }
}

/** The payer a refused post names, when it was refused because of one payer. */
function payerOf(error: unknown): Address | undefined {
  if (error instanceof ChargeNotAuthorizedError || error instanceof ChargeAboveCapError)
    return getAddress(error.payer)
  if (error instanceof InsufficientBalanceError) return getAddress(error.account)
  return undefined
}

/** Waits (bounded) for a transaction sent before a crash; true once it is mined, whatever its outcome. */
async function landed(settler: Settler, hash: Hex): Promise<boolean> {
  try {
    await settler.connection.publicClient.waitForTransactionReceipt({
      hash,
      timeout: settler.resendAfterMs ?? 60_000,
    })
    return true
  } catch {
    return false
  }
}
