import { openTokenAbi } from '@openledger/contracts'
import type { Address, PublicClient, TypedDataDomain } from 'viem'

/**
 * For tests: the EIP-712 domain a contract reports through EIP-5267's `eip712Domain()` (name, version, chain id,
 * verifying contract), ready for viem's `signTypedData`.
 *
 * @example
 * const domain = await eip712DomainOf(connection.publicClient, manifest.contracts.OpenToken)
 */
export async function eip712DomainOf(client: PublicClient, contract: Address): Promise<TypedDataDomain> {
  const [, name, version, chainId, verifyingContract] = await client.readContract({
    address: contract,
    abi: openTokenAbi,
    functionName: 'eip712Domain',
  })
  return { name, version, chainId, verifyingContract }
}
