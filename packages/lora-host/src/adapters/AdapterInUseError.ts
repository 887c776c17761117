import { BaseError } from '@openledger/errors'

/**
 * An adapter cannot be evicted (or removed) while requests hold its slot.
 *
 * @example
 * cache.evict('defi') // throws AdapterInUseError while a request holds it
 */
export class AdapterInUseError extends BaseError {
  override name = 'AdapterInUseError'
  readonly adapter: string
  readonly references: number

  constructor(adapter: string, references: number) {
    super(`Adapter ${adapter} is in use by ${references} request(s) and cannot be evicted.`, {
      metaMessages: ['Wait until they finish (release their slot), then try again.'],
    })
    this.adapter = adapter
    this.references = references
  }
}
