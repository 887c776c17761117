import type { SafeTransaction as SafeTransactionRow, Store } from '@openledger/store'
import { type Address, getAddress, type Hex } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { loadSafeTransaction } from './loadSafeTransaction.js'

export type SafeTransactionStatus = {
  transaction: SafeTransactionRow
  /** `ready`: enough owner signatures and the Safe is at this nonce. */
  state: 'awaiting-signatures' | 'ready' | 'queued' | 'executed' | 'replaced'
  threshold: number
  safeNonce: bigint
  signatures: { signer: Address; isOwner: boolean }[]
  /** Owners who have not signed yet. */
  missing: Address[]
}

/**
 * Where a proposed Safe transaction stands: its signatures (and whether each signer is still an owner),
 * the threshold, the Safe's nonce, and whether it can execute now.
 *
 * @example
 * const { state, signatures, threshold } = await getSafeTransactionStatus(connection, store, { infrastructure, safeTxHash })
 */
export async function getSafeTransactionStatus(
  connection: ChainConnection,
  store: Store,
  parameters: { infrastructure: SafeInfrastructure; safeTxHash: Hex },
): Promise<SafeTransactionStatus> {
  const { row, kit, signatures } = await loadSafeTransaction(connection, store, parameters)
  const owners = (await kit.getOwners()).map((o) => getAddress(o))
  const ownerSet = new Set(owners.map((o) => o.toLowerCase()))
  const threshold = await kit.getThreshold()
  const safeNonce = BigInt(await kit.getNonce())
  const signed = signatures.map((s) => ({
    signer: getAddress(s.signer),
    isOwner: ownerSet.has(s.signer.toLowerCase()),
  }))
  const signedSet = new Set(signed.map((s) => s.signer.toLowerCase()))
  const valid = signed.filter((s) => s.isOwner).length
  const state: SafeTransactionStatus['state'] =
    row.status === 'executed'
      ? 'executed'
      : row.nonce < safeNonce
        ? 'replaced'
        : valid < threshold
          ? 'awaiting-signatures'
          : row.nonce === safeNonce
            ? 'ready'
            : 'queued'
  return {
    transaction: row,
    state,
    threshold,
    safeNonce,
    signatures: signed,
    missing: owners.filter((o) => !signedSet.has(o.toLowerCase())),
  }
}
