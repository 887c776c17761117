import type { StoreSession } from '@openledger/store'
import type {
  DuplicateRowError,
  EmptyRowError,
  InvalidContributionSignatureError,
  InvalidRowInputError,
  RowTooLargeError,
  UnknownLicenseError,
} from '../errors/contribution.js'
import { RowVanishedError } from '../errors/contribution.js'
import { UnknownDatanetError } from '../errors/datanet.js'
import { findDatanet } from '../store/findDatanet.js'
import type { DatanetRef, DatanetRow, RowLimits } from '../types.js'
import { type Contribution, prepareContribution } from './prepareContribution.js'
import { storeContributions } from './storeContributions.js'

export type ContributeRowParameters = Contribution & {
  datanet: DatanetRef
  /** Default `DEFAULT_ROW_LIMITS` (16 KiB of UTF-8). */
  limits?: Partial<RowLimits> | undefined
}

export type ContributeRowReturnType = {
  row: DatanetRow
  /** False when the contributor had already contributed this content: the stored row is returned as is. */
  created: boolean
}

export type ContributeRowErrorType =
  | UnknownDatanetError
  | EmptyRowError
  | RowTooLargeError
  | UnknownLicenseError
  | InvalidRowInputError
  | InvalidContributionSignatureError
  | DuplicateRowError

/**
 * Adds a signed row to a datanet, pending review. The content is checked (not empty, within the limits),
 * the license must be on the allow-list, and the signature must be the contributor's EIP-712 `Contribution`
 * for this chain, registry, datanet, content hash and license. Rows are content-addressed: contributing the
 * same content again returns the stored row (`created: false`) and is never counted twice; the same content
 * from another contributor throws `DuplicateRowError` naming the first contributor, who keeps the row.
 *
 * @example
 * const content = { kind: 'text', text: 'Lily saw a red ball.' } as const
 * const signature = await signContribution(contributor, { datanet, content, license: 'CC-BY-4.0' })
 * const { row, created } = await contributeRow(store, {
 *   datanet,
 *   content,
 *   license: 'CC-BY-4.0',
 *   contributor: contributor.address,
 *   signature,
 * })
 */
export async function contributeRow(
  store: StoreSession,
  parameters: ContributeRowParameters,
): Promise<ContributeRowReturnType> {
  const { datanet, limits, ...contribution } = parameters
  if (!(await findDatanet(store, datanet))) throw new UnknownDatanetError(datanet, 'store')
  const record = await prepareContribution(datanet, contribution, { limits, now: new Date() })
  const [stored] = await storeContributions(store, [record])
  if (!stored) throw new RowVanishedError(record.row_id as `0x${string}`, 'storing')
  if (stored.outcome === 'conflict') throw stored.error
  return { row: stored.row, created: stored.outcome === 'created' }
}
