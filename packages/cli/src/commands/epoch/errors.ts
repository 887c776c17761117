import { BaseError } from '@openledger/errors'

/** `epoch verify` found a posted epoch that does not match its published receipts. */
export class EpochMismatchError extends BaseError {
  override name = 'EpochMismatchError'
  constructor(epoch: bigint, differences: number) {
    super(
      `Epoch ${epoch} does not match its published receipts: ${differences} difference(s), listed above.`,
      {
        metaMessages: [
          'While it is pending, a Safe owner can propose its veto: `openledger epoch watch` does so.',
        ],
      },
    )
  }
}

/** The gateway did not serve an epoch's published receipts. */
export class PublishedEpochUnavailableError extends BaseError {
  override name = 'PublishedEpochUnavailableError'
  constructor(url: string, status: number) {
    super(`The gateway did not serve the published receipts at ${url} (HTTP ${status}).`, {
      metaMessages: ['Pass the gateway that metered the epoch with --gateway <url>.'],
    })
  }
}

/** `--receipts <file>` (or a gateway's answer) that is not the published epoch asked for. */
export class PublishedEpochFileError extends BaseError {
  override name = 'PublishedEpochFileError'
  constructor(source: string, reason: string, cause?: unknown) {
    super(`The published receipts at ${source} ${reason}.`, { cause })
  }
}
