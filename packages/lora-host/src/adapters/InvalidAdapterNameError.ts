import { BaseError } from '@openledger/errors'

/**
 * An adapter name must match /^[a-z0-9][a-z0-9._-]{0,63}$/i.
 *
 * @example
 * await registry.register({ name: 'no spaces', files }) // throws InvalidAdapterNameError
 */
export class InvalidAdapterNameError extends BaseError {
  override name = 'InvalidAdapterNameError'
  readonly adapter: string

  constructor(adapter: string) {
    super(`Invalid adapter name ${JSON.stringify(adapter)}.`, {
      metaMessages: [
        'A name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
      ],
    })
    this.adapter = adapter
  }
}
