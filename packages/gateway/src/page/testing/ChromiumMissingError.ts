import { BaseError } from '@openledger/errors'

/** The chat page's browser tests need Debian's Chromium, which is not installed. */
export class ChromiumMissingError extends BaseError {
  override name = 'ChromiumMissingError'
  constructor(readonly path: string) {
    super(`The chat page's browser test needs Chromium at ${path}.`, {
      metaMessages: ['Run `apt-get install -y chromium` (as root; .ci/run does it on CI).'],
    })
  }
}
