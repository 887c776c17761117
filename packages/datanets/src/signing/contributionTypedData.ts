import { type Address, getAddress, type Hex } from 'viem'
import type { DatanetRef } from '../types.js'

/** The EIP-712 domain name and version of datanet contributions. */
export const CONTRIBUTION_DOMAIN = { name: 'OpenLedger Datanets', version: '1' } as const

/** `Contribution(uint256 datanetId,bytes32 contentHash,string license,address contributor)`. */
export const contributionTypes = {
  Contribution: [
    { name: 'datanetId', type: 'uint256' },
    { name: 'contentHash', type: 'bytes32' },
    { name: 'license', type: 'string' },
    { name: 'contributor', type: 'address' },
  ],
} as const

export type ContributionMessage = { contentHash: Hex; license: string; contributor: Address }

/**
 * The EIP-712 typed data a contributor signs: domain `OpenLedger Datanets` / `1` / the chain id / the
 * DatanetRegistry as verifying contract, and a `Contribution` naming the datanet, the content hash, the
 * license and the contributor. No nonce or deadline: rows are content-addressed, so replaying a signature
 * can only re-submit the same row, which is deduplicated.
 *
 * @example
 * const signature = await account.signTypedData(contributionTypedData(datanet, { contentHash, license, contributor }))
 */
export function contributionTypedData(datanet: DatanetRef, message: ContributionMessage) {
  return {
    domain: {
      ...CONTRIBUTION_DOMAIN,
      chainId: datanet.chainId,
      verifyingContract: getAddress(datanet.registry),
    },
    types: contributionTypes,
    primaryType: 'Contribution' as const,
    message: {
      datanetId: datanet.datanetId,
      contentHash: message.contentHash,
      license: message.license,
      contributor: getAddress(message.contributor),
    },
  }
}
