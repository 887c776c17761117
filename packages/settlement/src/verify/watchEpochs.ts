import { setTimeout as delay } from 'node:timers/promises'
import type { ChainConnection } from '@openledger/chain'
import type { Address } from 'viem'
import type { MeteredReceipt } from '../plan/planSettlement.js'
import type { AdapterCreatorsResolver } from '../settle/types.js'
import { readPostedEpoch } from './readPostedEpoch.js'
import { type VerifyEpochReturnType, verifyEpoch } from './verifyEpoch.js'

export type WatchEpochsParameters = {
  /** Verify epochs from this one on (default 1). */
  fromEpoch?: bigint
  /** Where event scans start (the manifest's deployment block); default 0n. */
  fromBlock?: bigint
  treasury: Address
  adapterCreators?: AdapterCreatorsResolver
  /** An epoch's published receipts (e.g. from the gateway's `GET /v1/epochs/:epoch`). */
  fetchReceipts: (epoch: bigint) => Promise<readonly MeteredReceipt[]>
  /** Told of every verified epoch, matching or not. */
  onVerified?: (result: VerifyEpochReturnType) => void | Promise<void>
  /**
   * Called for an epoch that does not match its receipts while its dispute window is still open (block time):
   * e.g. propose the Safe's veto. Not called for an epoch already final, vetoed or past its window.
   */
  onMismatch: (result: VerifyEpochReturnType) => void | Promise<void>
  /** Told of a failure to verify an epoch (the receipts not published yet, an RPC error); it is tried again. */
  onError?: (epoch: bigint, error: unknown) => void
  /** Seconds between polls (default 2). */
  pollSeconds?: number
  signal: AbortSignal
}

/**
 * Verifies every epoch as it is posted, until `signal` aborts: polls FeeRouter for the next epoch, fetches its
 * published receipts, runs `verifyEpoch`, and on a difference inside the dispute window calls `onMismatch` so
 * the veto can be proposed well before anyone may finalise. An epoch that fails to verify (its receipts not
 * served yet) is retried at the next poll; epochs are checked in order, each once.
 *
 * @example
 * await watchEpochs(connection, manifest.contracts, {
 *   treasury, fetchReceipts, signal,
 *   onMismatch: ({ posted }) => proposeEpochVeto(connection, store, { ...safe, epoch: posted.epoch, slash }),
 * })
 */
export async function watchEpochs(
  connection: ChainConnection,
  contracts: { FeeRouter: Address },
  parameters: WatchEpochsParameters,
): Promise<void> {
  const { signal, fromBlock } = parameters
  let next = parameters.fromEpoch ?? 1n
  while (!signal.aborted) {
    try {
      while (!signal.aborted && (await readPostedEpoch(connection, contracts, { epoch: next, fromBlock }))) {
        await checkEpoch(connection, contracts, parameters, next)
        next += 1n
      }
    } catch (error) {
      parameters.onError?.(next, error)
    }
    // Aborting ends the wait at once (and the loop with it).
    await delay((parameters.pollSeconds ?? 2) * 1000, undefined, { signal }).catch(() => {})
  }
}

async function checkEpoch(
  connection: ChainConnection,
  contracts: { FeeRouter: Address },
  parameters: WatchEpochsParameters,
  epoch: bigint,
) {
  const receipts = await parameters.fetchReceipts(epoch)
  const result = await verifyEpoch(connection, contracts, {
    epoch,
    receipts,
    treasury: parameters.treasury,
    adapterCreators: parameters.adapterCreators,
    fromBlock: parameters.fromBlock,
  })
  await parameters.onVerified?.(result)
  if (result.differences.length === 0 || result.posted.status !== 'pending') return
  const { timestamp } = await connection.publicClient.getBlock()
  if (timestamp < result.posted.finalizesAt) await parameters.onMismatch(result)
}
