import type { ChainConnection } from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import { type Address, isAddressEqual } from 'viem'

/** The metadata URI provisioning gives a seed datanet: how it finds the datanet again on the chain. */
export function seedDatanetUri(name: string): string {
  return `openledger:seed-datanet/${encodeURIComponent(name)}`
}

/**
 * The newest datanet in the registry that `curator` curates under `metadataURI`, or undefined. The chain is
 * the truth: a store that lost the datanet (or a restarted devnet that lost the chain) is both handled.
 */
export async function findSeedDatanetOnChain(
  connection: ChainConnection,
  parameters: { registry: Address; curator: Address; metadataURI: string },
): Promise<bigint | undefined> {
  const { registry, curator, metadataURI } = parameters
  const count = await connection.publicClient.readContract({
    address: registry,
    abi: datanetRegistryAbi,
    functionName: 'datanetCount',
  })
  for (let id = count; id >= 1n; id--) {
    const datanet = await connection.publicClient.readContract({
      address: registry,
      abi: datanetRegistryAbi,
      functionName: 'datanet',
      args: [id],
    })
    if (isAddressEqual(datanet.curator, curator) && datanet.metadataURI === metadataURI) return id
  }
  return undefined
}
