import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import { checkRowContent } from '../content/checkRowContent.js'
import { contentHashOf } from '../content/contentHashOf.js'
import { resolveLicense } from '../content/licenses.js'
import { rowIdOf } from '../content/rowIdOf.js'
import { InvalidRowInputError } from '../errors/contribution.js'
import { verifyContribution } from '../signing/verifyContribution.js'
import { contentColumns, datanetKey } from '../store/records.js'
import type { DatanetRowsTable } from '../store/tables.js'
import type { DatanetRef, RowContent, RowLimits } from '../types.js'

/** One contribution as submitted: content, license, contributor and their EIP-712 signature. */
export type Contribution = {
  content: RowContent
  /** An accepted SPDX id (any case); stored and signed as its canonical spelling. */
  license: string
  contributor: Address
  signature: Hex
}

export type PrepareOptions = {
  limits?: Partial<RowLimits> | undefined
  now: Date
  /** Set only when this process made the signature itself, with the contributor's key, just now. */
  signedHere?: boolean
}

/**
 * Checks a contribution without touching the store (content and limits, license, contributor, signature) and
 * returns the pending row record to insert. Throws the first problem found, as a typed error.
 */
export async function prepareContribution(
  datanet: DatanetRef,
  contribution: Contribution,
  options: PrepareOptions,
): Promise<DatanetRowsTable> {
  const { limits, now } = options
  const { content, signature } = contribution
  checkRowContent(content, limits)
  const license = resolveLicense(contribution.license)
  if (typeof contribution.contributor !== 'string' || !isAddress(contribution.contributor, { strict: false }))
    throw new InvalidRowInputError('contributor', contribution.contributor, 'a 20-byte address')
  if (typeof signature !== 'string' || !isHex(signature))
    throw new InvalidRowInputError('signature', signature, 'a 65-byte signature in hex')
  const contentHash = contentHashOf(content)
  const claimed = getAddress(contribution.contributor)
  // Recovering a signature costs as much as making one: skip it for signatures made here, by the signer.
  const contributor = options.signedHere
    ? claimed
    : await verifyContribution({ datanet, contentHash, license, contributor: claimed, signature })
  return {
    row_id: rowIdOf(datanet, contentHash),
    ...datanetKey(datanet),
    content_hash: contentHash,
    ...contentColumns(content),
    license,
    contributor,
    signature: signature.toLowerCase(),
    status: 'pending',
    review_reason: null,
    reviewed_by: null,
    reviewed_at: null,
    batch_root: null,
    proof: null,
    created_at: now.toISOString(),
  }
}
