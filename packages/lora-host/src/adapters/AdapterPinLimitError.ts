import { BaseError } from '@openledger/errors'

/**
 * Pinning one more adapter would leave no slot it could ever be evicted from.
 *
 * @example
 * cache.pin('one-too-many') // throws AdapterPinLimitError when every adapter slot is pinned
 */
export class AdapterPinLimitError extends BaseError {
  override name = 'AdapterPinLimitError'
  readonly adapter: string
  readonly limit: number

  constructor(adapter: string, limit: number) {
    super(`Cannot pin adapter ${adapter}: ${limit} adapter(s) are pinned already, the most the slots hold.`, {
      metaMessages: ['Unpin another adapter or start the host with more slots.'],
    })
    this.adapter = adapter
    this.limit = limit
  }
}
