import { BaseError } from '@openledger/errors'

/**
 * Every adapter slot holds a pinned adapter, so an unpinned one can never be loaded: its request fails now
 * instead of waiting for a slot that no request will free.
 *
 * @example
 * cache.acquire('unpinned') // throws AdapterSlotsPinnedError when every slot is pinned
 */
export class AdapterSlotsPinnedError extends BaseError {
  override name = 'AdapterSlotsPinnedError'
  readonly adapter: string
  readonly slots: number

  constructor(adapter: string, slots: number) {
    super(`Cannot load adapter ${adapter}: all ${slots} adapter slot(s) hold pinned adapters.`, {
      metaMessages: ['Unpin an adapter, or start the host with more resident adapters.'],
    })
    this.adapter = adapter
    this.slots = slots
  }
}
