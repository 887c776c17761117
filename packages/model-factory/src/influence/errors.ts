import { BaseError } from '@openledger/errors'

/**
 * Influence inputs that do not fit together: a projection of no width or more buckets per coordinate than it
 * has, a vector of the wrong length for a projection, rows and sequences of different counts, per-example
 * gradients asked of a session with a batch above 1.
 *
 * @example
 * throw new InfluenceInputError('a vector of 2; the projection takes 10')
 */
export class InfluenceInputError extends BaseError {
  override name = 'InfluenceInputError'
  constructor(reason: string) {
    super(`Influence: ${reason}.`)
  }
}
