import { BaseError } from '@openledger/errors'

/**
 * An op recorded on a `Tape` with operands whose shapes it cannot take (a matmul of mismatched inner
 * dimensions, a reshape that changes the element count, shapes that do not broadcast, a loss that is not a
 * scalar). Graphs are built with static shapes, so this is found while building, before anything runs.
 *
 * @example
 * throw new TapeShapeError('matmul', 'of [2,3] and [4,5]')
 */
export class TapeShapeError extends BaseError {
  override name = 'TapeShapeError'
  constructor(
    readonly op: string,
    reason: string,
  ) {
    super(`${op} ${reason}.`)
  }
}
