import { BaseError } from '@openledger/errors'

/**
 * A slot operation that cannot be done: bad slot buffer settings, an out-of-range slot, an adapter in slot 0
 * (the base model's), an adapter the slot buffers cannot hold (rank, modules, layers, shapes), or releasing an
 * idle slot.
 *
 * @example
 * writeSlot(buffers, 0, lora) // throws AdapterSlotError: slot 0 is the plain base model
 */
export class AdapterSlotError extends BaseError {
  override name = 'AdapterSlotError'
  readonly slot: number | undefined

  constructor(reason: string, slot?: number) {
    super(slot === undefined ? `Slot buffers: ${reason}.` : `Slot ${slot}: ${reason}.`)
    this.slot = slot
  }
}
