import type { Hex, LocalAccount } from 'viem'
import { contentHashOf } from '../content/contentHashOf.js'
import { resolveLicense } from '../content/licenses.js'
import type { DatanetRef, RowContent } from '../types.js'
import { contributionTypedData } from './contributionTypedData.js'

export type SignContributionParameters = {
  datanet: DatanetRef
  license: string
} & ({ content: RowContent; contentHash?: undefined } | { content?: undefined; contentHash: Hex })

/**
 * Signs a contribution as `account` (the contributor): the EIP-712 `Contribution` over the datanet, the
 * content hash (computed from `content` when given) and the license (resolved to its SPDX id first).
 *
 * @example
 * const contributor = privateKeyToAccount(key)
 * const content = { kind: 'text', text: 'Lily saw a red ball.' } as const
 * const signature = await signContribution(contributor, { datanet, content, license: 'CC-BY-4.0' })
 * await contributeRow(store, { datanet, content, license: 'CC-BY-4.0', contributor: contributor.address, signature })
 */
export async function signContribution(
  account: LocalAccount,
  parameters: SignContributionParameters,
): Promise<Hex> {
  const contentHash = parameters.contentHash ?? contentHashOf(parameters.content as RowContent)
  const license = resolveLicense(parameters.license)
  return account.signTypedData(
    contributionTypedData(parameters.datanet, { contentHash, license, contributor: account.address }),
  )
}
