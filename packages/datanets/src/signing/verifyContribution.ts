import { type Address, getAddress, type Hex, isAddressEqual, recoverTypedDataAddress } from 'viem'
import { InvalidContributionSignatureError } from '../errors/contribution.js'
import type { DatanetRef } from '../types.js'
import { contributionTypedData } from './contributionTypedData.js'

export type VerifyContributionParameters = {
  datanet: DatanetRef
  contentHash: Hex
  /** The SPDX id as signed (see `resolveLicense`). */
  license: string
  contributor: Address
  signature: Hex
}

/**
 * Checks that `signature` is the contributor's EIP-712 `Contribution` signature over this datanet (chain,
 * registry, id), content hash and license; returns the checksummed contributor, or throws
 * `InvalidContributionSignatureError` naming the claimed and the recovered signer. Only EOA signatures are
 * accepted (no ERC-1271: checking a contract wallet needs a chain call per row).
 *
 * @example
 * await verifyContribution({ datanet, contentHash, license: 'CC-BY-4.0', contributor, signature })
 */
export async function verifyContribution(parameters: VerifyContributionParameters): Promise<Address> {
  const { datanet, contentHash, license, signature } = parameters
  const contributor = getAddress(parameters.contributor)
  let recovered: Address
  try {
    recovered = await recoverTypedDataAddress({
      ...contributionTypedData(datanet, { contentHash, license, contributor }),
      signature,
    })
  } catch (cause) {
    throw new InvalidContributionSignatureError({
      claimed: contributor,
      recovered: undefined,
      datanet,
      cause,
    })
  }
  if (!isAddressEqual(recovered, contributor))
    throw new InvalidContributionSignatureError({
      claimed: contributor,
      recovered: getAddress(recovered),
      datanet,
    })
  return contributor
}
