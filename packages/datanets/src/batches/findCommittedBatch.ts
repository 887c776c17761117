import type { ChainConnection } from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import { getAddress, type Hex } from 'viem'
import { readDatanetOnChain } from '../datanets/readDatanetOnChain.js'
import type { DatanetRef } from '../types.js'

/**
 * The index of the datanet's on-chain batch with `root`, if one was committed: batches are read newest first
 * (a resumed commit is almost always the last one), by view calls only, no log scan.
 */
export async function findCommittedBatch(
  connection: ChainConnection,
  datanet: DatanetRef,
  root: Hex,
): Promise<number | undefined> {
  const { batchCount } = await readDatanetOnChain(connection, datanet)
  for (let index = batchCount - 1; index >= 0; index--) {
    const batch = await connection.publicClient.readContract({
      address: getAddress(datanet.registry),
      abi: datanetRegistryAbi,
      functionName: 'batch',
      args: [datanet.datanetId, BigInt(index)],
    })
    if (batch.root.toLowerCase() === root.toLowerCase()) return index
  }
  return undefined
}
