import {
  getSafeTransaction,
  listSafeSignatures,
  type SafeSignature as SafeSignatureRow,
  type SafeTransaction as SafeTransactionRow,
  type Store,
} from '@openledger/store'
import type { Hex } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import { SafeTransactionUnknownError } from '../errors.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { EthSafeSignature, type EthSafeTransaction, type Safe } from './protocolKit.js'
import { safeKit } from './safeKit.js'
import { safeTransactionFromRow } from './safeTransactionFromRow.js'

export type LoadedSafeTransaction = {
  row: SafeTransactionRow
  signatures: SafeSignatureRow[]
  kit: Safe
  /** The transaction with every stored signature attached. */
  transaction: EthSafeTransaction
}

/**
 * Loads a proposed Safe transaction and its signatures from the store, binds a protocol-kit `Safe` to its
 * Safe, and checks the stored data still hashes to `safeTxHash` (a tampered row is refused).
 */
export async function loadSafeTransaction(
  connection: ChainConnection,
  store: Store,
  parameters: { infrastructure: SafeInfrastructure; safeTxHash: Hex; signer?: Hex },
): Promise<LoadedSafeTransaction> {
  const safeTxHash = parameters.safeTxHash.toLowerCase() as Hex
  const row = await getSafeTransaction(store, safeTxHash)
  if (!row || row.chainId !== connection.chainId) throw new SafeTransactionUnknownError(safeTxHash)
  const kit = await safeKit(connection, {
    infrastructure: parameters.infrastructure,
    safeAddress: row.safeAddress,
    ...(parameters.signer ? { signer: parameters.signer } : {}),
  })
  const transaction = safeTransactionFromRow(row)
  const hash = (await kit.getTransactionHash(transaction)).toLowerCase()
  if (hash !== safeTxHash) {
    throw new SafeTransactionUnknownError(`${safeTxHash} (the stored data hashes to ${hash})`)
  }
  const signatures = await listSafeSignatures(store, safeTxHash)
  for (const s of signatures) transaction.addSignature(new EthSafeSignature(s.signer, s.signature))
  return { row, signatures, kit, transaction }
}
