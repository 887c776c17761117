import { BaseError } from '@openledger/errors'

/**
 * A name is already registered with other content (pass `replace: true` to replace it).
 *
 * @example
 * await registry.register({ name: 'defi', files }).catch((e) => e.name === 'AdapterExistsError')
 */
export class AdapterExistsError extends BaseError {
  override name = 'AdapterExistsError'
  readonly adapter: string

  constructor(adapter: string, existingSha256: string, newSha256: string) {
    super(`Adapter ${adapter} already exists with other content.`, {
      metaMessages: [
        `Registered: sha256 ${existingSha256}`,
        `New:        sha256 ${newSha256}`,
        'Pass replace: true to replace it, or register it under another name.',
      ],
    })
    this.adapter = adapter
  }
}
