import { addSafeSignature, type Store } from '@openledger/store'
import type { Address, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { ChainConnection } from '../connectChain.js'
import { NotSafeOwnerError, SafeNonceUsedError, SafeSignatureMissingError } from '../errors.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { loadSafeTransaction } from './loadSafeTransaction.js'
import { safeTransactionFromRow } from './safeTransactionFromRow.js'

export type SignSafeTransactionParameters = {
  infrastructure: SafeInfrastructure
  safeTxHash: Hex
  /** The signing owner's key. */
  signerKey: Hex
}

/**
 * Signs a proposed Safe transaction with one owner's key (EIP-712) and stores the signature. Each owner may
 * sign from a different process; signing twice is harmless. A key that is not an owner is refused with
 * `NotSafeOwnerError`.
 *
 * @example
 * await signSafeTransaction(connection, store, { infrastructure: manifest.safe, safeTxHash, signerKey })
 */
export async function signSafeTransaction(
  connection: ChainConnection,
  store: Store,
  parameters: SignSafeTransactionParameters,
): Promise<{ signer: Address; signatures: number }> {
  const { infrastructure, safeTxHash, signerKey } = parameters
  const signer = privateKeyToAccount(signerKey).address
  const { row, kit, signatures } = await loadSafeTransaction(connection, store, {
    infrastructure,
    safeTxHash,
    signer: signerKey,
  })
  if (!(await kit.isOwner(signer))) throw new NotSafeOwnerError(signer, row.safeAddress)
  const safeNonce = BigInt(await kit.getNonce())
  if (row.status === 'executed' || row.nonce < safeNonce) {
    throw new SafeNonceUsedError(row.safeTxHash as Hex, row.nonce, safeNonce)
  }
  const signed = await kit.signTransaction(safeTransactionFromRow(row))
  const signature = signed.getSignature(signer)
  if (!signature) throw new SafeSignatureMissingError(signer)
  await addSafeSignature(store, { safeTxHash: row.safeTxHash, signer, signature: signature.data as Hex })
  const already = signatures.some((s) => s.signer.toLowerCase() === signer.toLowerCase())
  return { signer, signatures: signatures.length + (already ? 0 : 1) }
}
