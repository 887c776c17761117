import { BaseError } from '@openledger/errors'

/**
 * No adapter is registered under this id.
 *
 * @example
 * if (!registry.get('nope')) throw new AdapterNotFoundError('nope')
 */
export class AdapterNotFoundError extends BaseError {
  override name = 'AdapterNotFoundError'
  readonly adapter: string

  constructor(adapter: string) {
    super(`Adapter ${adapter} is not registered.`)
    this.adapter = adapter
  }
}
