import { type ChainConnection, ChainIdMismatchError } from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import { getAddress } from 'viem'
import type { RowProof } from '../types.js'

/**
 * Asks the registry itself (`DatanetRegistry.verifyRow`) whether a row is in its committed batch, by its
 * proof. False for a wrong proof or row; the registry reverts (`DatanetRegistryUnknownBatch`) for a batch it
 * does not have. Throws `ChainIdMismatchError` when the connection is to another chain than the row's.
 *
 * @example
 * const ok = await verifyRowOnChain(connection, await rowProof(store, rowId))
 */
export async function verifyRowOnChain(connection: ChainConnection, proof: RowProof): Promise<boolean> {
  if (connection.chainId !== proof.datanet.chainId)
    throw new ChainIdMismatchError(proof.datanet.chainId, connection.chainId)
  return connection.publicClient.readContract({
    address: getAddress(proof.datanet.registry),
    abi: datanetRegistryAbi,
    functionName: 'verifyRow',
    args: [
      proof.datanet.datanetId,
      BigInt(proof.batchIndex),
      proof.rowId,
      proof.contributor,
      proof.contentHash,
      proof.proof,
    ],
  })
}
