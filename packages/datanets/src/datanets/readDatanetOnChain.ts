import { type ChainConnection, ChainIdMismatchError, decodeRevert } from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import { type Address, getAddress } from 'viem'
import { UnknownDatanetError } from '../errors/datanet.js'
import type { DatanetRef } from '../types.js'

export type OnChainDatanet = {
  curator: Address
  createdAt: bigint
  batchCount: number
  license: string
  metadataURI: string
}

/** The registry's record of a datanet; `UnknownDatanetError` when it has none, `ChainIdMismatchError` when the connection is to another chain. */
export async function readDatanetOnChain(
  connection: ChainConnection,
  datanet: DatanetRef,
): Promise<OnChainDatanet> {
  if (connection.chainId !== datanet.chainId)
    throw new ChainIdMismatchError(datanet.chainId, connection.chainId)
  try {
    const stored = await connection.publicClient.readContract({
      address: getAddress(datanet.registry),
      abi: datanetRegistryAbi,
      functionName: 'datanet',
      args: [datanet.datanetId],
    })
    return { ...stored, curator: getAddress(stored.curator) }
  } catch (error) {
    if (decodeRevert(error)?.errorName === 'DatanetRegistryUnknownDatanet')
      throw new UnknownDatanetError(datanet, 'chain')
    throw error
  }
}
