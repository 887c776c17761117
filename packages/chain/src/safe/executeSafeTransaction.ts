import { markSafeTransactionExecuted, type Store } from '@openledger/store'
import { type Hex, parseEventLogs } from 'viem'
import { waitForReceipt } from '../calls/waitForReceipt.js'
import type { ChainConnection } from '../connectChain.js'
import {
  ContractCallRevertedError,
  SafeExecutionFailedError,
  SafeInsufficientSignaturesError,
  SafeNonceNotReadyError,
  SafeNonceUsedError,
} from '../errors.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { loadSafeTransaction } from './loadSafeTransaction.js'
import { safeAbi } from './safeArtifacts.js'

export type ExecuteSafeTransactionParameters = {
  infrastructure: SafeInfrastructure
  safeTxHash: Hex
  /** Pays the gas; any funded account, owner or not. */
  executorKey: Hex
}

/**
 * Executes a proposed Safe transaction once its signatures reach the threshold, waits for it, and marks it
 * executed in the store. Too few owner signatures is a `SafeInsufficientSignaturesError` and sends nothing.
 *
 * @example
 * const { txHash } = await executeSafeTransaction(connection, store, { infrastructure, safeTxHash, executorKey })
 */
export async function executeSafeTransaction(
  connection: ChainConnection,
  store: Store,
  parameters: ExecuteSafeTransactionParameters,
): Promise<{ txHash: Hex; gasUsed: bigint }> {
  const { row, kit, signatures, transaction } = await loadSafeTransaction(connection, store, {
    infrastructure: parameters.infrastructure,
    safeTxHash: parameters.safeTxHash,
    signer: parameters.executorKey,
  })
  const safeTxHash = row.safeTxHash as Hex
  const safeNonce = BigInt(await kit.getNonce())
  if (row.status === 'executed' || row.nonce < safeNonce)
    throw new SafeNonceUsedError(safeTxHash, row.nonce, safeNonce)
  if (row.nonce > safeNonce) throw new SafeNonceNotReadyError(safeTxHash, row.nonce, safeNonce)
  const owners = new Set((await kit.getOwners()).map((o) => o.toLowerCase()))
  const threshold = await kit.getThreshold()
  const valid = signatures.filter((s) => owners.has(s.signer.toLowerCase())).length
  if (valid < threshold) throw new SafeInsufficientSignaturesError(safeTxHash, valid, threshold)

  const result = await kit.executeTransaction(transaction)
  const txHash = result.hash as Hex
  const receipt = await waitForReceipt(connection, { hash: txHash, abi: safeAbi }).catch((error: unknown) => {
    throw error instanceof ContractCallRevertedError
      ? new SafeExecutionFailedError(safeTxHash, txHash, error)
      : error
  })
  const events = parseEventLogs({ abi: safeAbi, logs: receipt.logs })
  // The Safe catches a failing inner call: the transaction succeeds with `ExecutionFailure`.
  if (!events.some((e) => e.eventName === 'ExecutionSuccess'))
    throw new SafeExecutionFailedError(safeTxHash, txHash)
  await markSafeTransactionExecuted(store, { safeTxHash, executedTxHash: txHash })
  return { txHash, gasUsed: receipt.gasUsed }
}
