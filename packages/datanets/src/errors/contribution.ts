import { BaseError } from '@openledger/errors'
import type { Address, Hex } from 'viem'
import type { DatanetRef } from '../types.js'
import { describeDatanet } from './describeDatanet.js'

/**
 * A contribution whose EIP-712 signature was not made by its claimed contributor over this datanet, chain,
 * registry, content and license. A signature for another chain or datanet recovers to another address, so it
 * lands here too; `recovered` is undefined when the signature does not even parse.
 *
 * @example
 * try {
 *   await contributeRow(store, contribution)
 * } catch (error) {
 *   if (error instanceof InvalidContributionSignatureError) console.error(error.claimed, error.recovered)
 * }
 */
export class InvalidContributionSignatureError extends BaseError {
  override name = 'InvalidContributionSignatureError'
  readonly claimed: Address
  readonly recovered: Address | undefined

  constructor(parameters: {
    claimed: Address
    recovered: Address | undefined
    datanet: DatanetRef
    cause?: unknown
  }) {
    const { claimed, recovered, datanet, cause } = parameters
    super(
      recovered
        ? `Contribution signature recovers to ${recovered}, not to the claimed contributor ${claimed}.`
        : `Contribution signature for ${claimed} is malformed.`,
      {
        cause,
        metaMessages: [
          `The contributor must sign the EIP-712 Contribution for ${describeDatanet(datanet)}: its content hash and license.`,
          'A signature made for another chain, registry, datanet, content or license recovers to another address.',
        ],
      },
    )
    this.claimed = claimed
    this.recovered = recovered
  }
}

/**
 * A license that is not on the allow-list (`DATANET_LICENSES`); `accepted` lists the SPDX ids that are.
 *
 * @example
 * try {
 *   resolveLicense('WTFPL')
 * } catch (error) {
 *   if (error instanceof UnknownLicenseError) console.error(error.accepted.join(', '))
 * }
 */
export class UnknownLicenseError extends BaseError {
  override name = 'UnknownLicenseError'
  readonly license: string
  readonly accepted: readonly string[]

  constructor(license: string, accepted: readonly string[]) {
    super(`Unknown license ${JSON.stringify(license)}.`, {
      metaMessages: [`Accepted licenses (SPDX ids): ${accepted.join(', ')}.`],
    })
    this.license = license
    this.accepted = accepted
  }
}

/**
 * A row whose text (or prompt, or completion) is empty or only whitespace.
 *
 * @example
 * try {
 *   checkRowContent({ kind: 'text', text: '  ' })
 * } catch (error) {
 *   if (error instanceof EmptyRowError) console.error(error.field) // 'text'
 * }
 */
export class EmptyRowError extends BaseError {
  override name = 'EmptyRowError'
  readonly field: 'text' | 'prompt' | 'completion'

  constructor(field: 'text' | 'prompt' | 'completion') {
    super(`The row's ${field} is empty.`, { metaMessages: ['Rows need text that is not only whitespace.'] })
    this.field = field
  }
}

/**
 * A row over the size limit, in UTF-8 bytes or tokens of all its text together.
 *
 * @example
 * try {
 *   checkRowContent({ kind: 'text', text: 'x'.repeat(20_000) })
 * } catch (error) {
 *   if (error instanceof RowTooLargeError) console.error(error.size, error.limit, error.unit)
 * }
 */
export class RowTooLargeError extends BaseError {
  override name = 'RowTooLargeError'
  readonly size: number
  readonly limit: number
  readonly unit: 'bytes' | 'tokens'

  constructor(size: number, limit: number, unit: 'bytes' | 'tokens') {
    super(`The row has ${size} ${unit}; the limit is ${limit}.`, {
      metaMessages: ['Split long documents into several rows.'],
    })
    this.size = size
    this.limit = limit
    this.unit = unit
  }
}

/**
 * The same content is already in the datanet, contributed by someone else: the first contributor keeps it.
 *
 * @example
 * try {
 *   await contributeRow(store, contribution)
 * } catch (error) {
 *   if (error instanceof DuplicateRowError) console.error(`already contributed by ${error.firstContributor}`)
 * }
 */
export class DuplicateRowError extends BaseError {
  override name = 'DuplicateRowError'
  readonly rowId: Hex
  readonly firstContributor: Address
  readonly contributor: Address

  constructor(rowId: Hex, firstContributor: Address, contributor: Address) {
    super(
      `Row ${rowId} was already contributed by ${firstContributor}; ${contributor} cannot contribute it again.`,
      {
        metaMessages: ['Rows are identified by their content: the first contributor of a content keeps it.'],
      },
    )
    this.rowId = rowId
    this.firstContributor = firstContributor
    this.contributor = contributor
  }
}

/**
 * An argument with the wrong shape (a contributor that is not an address, a signature that is not hex...).
 *
 * @example
 * try {
 *   await contributeRow(store, { ...contribution, contributor: 'alice' as Address })
 * } catch (error) {
 *   if (error instanceof InvalidRowInputError) console.error(error.field) // 'contributor'
 * }
 */
export class InvalidRowInputError extends BaseError {
  override name = 'InvalidRowInputError'
  readonly field: string

  constructor(field: string, value: unknown, expected: string) {
    const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
    super(`Invalid ${field}: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}.`, {
      metaMessages: [`Expected ${expected}.`],
    })
    this.field = field
  }
}

/**
 * An imported row without a signature that the import cannot sign: no signer was given, or the row names a
 * contributor other than the signer (only they can sign it).
 *
 * @example
 * const { invalid } = await importRows(store, { datanet, file, partial: true })
 * invalid.filter((bad) => (bad.error as Error).name === 'UnsignedRowError')
 */
export class UnsignedRowError extends BaseError {
  override name = 'UnsignedRowError'
  readonly contributor: string | undefined

  constructor(contributor: string | undefined, signer: Address | undefined) {
    super(
      signer === undefined
        ? 'The row is unsigned and no signer was given to sign it.'
        : `The row is unsigned and names contributor ${contributor}; only they can sign it, not ${signer}.`,
      {
        metaMessages: ['Add contributor and signature to the row, or import with the contributor as signer.'],
      },
    )
    this.contributor = contributor
  }
}

/**
 * A row the store had a moment ago is gone (deleted by another process while it was being stored or indexed).
 *
 * @example
 * if (error instanceof RowVanishedError) console.error(`retry: ${error.rowId} was deleted meanwhile`)
 */
export class RowVanishedError extends BaseError {
  override name = 'RowVanishedError'
  readonly rowId: Hex

  constructor(rowId: Hex, during: 'storing' | 'indexing') {
    super(`Row ${rowId} vanished while ${during === 'storing' ? 'being stored' : 'indexing'}.`)
    this.rowId = rowId
  }
}
