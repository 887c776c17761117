import {
  type ChainConnection,
  executeSafeTransaction,
  proposeSafeTransaction,
  type SafeCall,
  type SafeInfrastructure,
} from '@openledger/chain'
import type { Store } from '@openledger/store'
import type { Address, Hex } from 'viem'
import { safeModuleAbi } from './safeModuleAbi.js'

export type ProposeOwnersStepParameters = {
  infrastructure: SafeInfrastructure
  safe: Address
  /** An owner of the Safe: proposes (and signs) the step, and executes it when its signature suffices. */
  ownerKey: Hex
  calls: readonly SafeCall[]
  description: string
}

export type ProposeOwnersStepReturnType = {
  safeTxHash: Hex
  /** The transaction that took the step; undefined when the Safe needs more owners' signatures. */
  txHash: Hex | undefined
  /** Signatures the Safe needs (its threshold). */
  threshold: number
}

/**
 * One owners' step that must not wait behind anyone's proposals (revoking a delegate, disabling the spending
 * limit): proposes `calls` signed by `ownerKey` at the Safe's current nonce, not after pending proposals, and
 * executes it at once when one signature meets the threshold; otherwise the other owners sign and execute it
 * like any proposal. Executing it voids whichever proposal shared its nonce.
 *
 * @example
 * const { txHash } = await proposeOwnersStep(connection, store, {
 *   infrastructure: manifest.safe, safe, ownerKey, calls: [{ to: module, data }], description: 'Revoke',
 * })
 */
export async function proposeOwnersStep(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeOwnersStepParameters,
): Promise<ProposeOwnersStepReturnType> {
  const { infrastructure, safe, ownerKey, calls, description } = parameters
  const read = (functionName: 'getThreshold' | 'nonce') =>
    connection.publicClient.readContract({ address: safe, abi: safeModuleAbi, functionName })
  const [threshold, nonce] = await Promise.all([read('getThreshold').then(Number), read('nonce')])
  const { safeTxHash } = await proposeSafeTransaction(connection, store, {
    infrastructure,
    safeAddress: safe,
    proposerKey: ownerKey,
    calls,
    description,
    nonce,
  })
  if (threshold > 1) return { safeTxHash, txHash: undefined, threshold }
  const { txHash } = await executeSafeTransaction(connection, store, {
    infrastructure,
    safeTxHash,
    executorKey: ownerKey,
  })
  return { safeTxHash, txHash, threshold }
}
