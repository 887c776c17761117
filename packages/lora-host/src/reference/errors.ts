import { BaseError } from '@openledger/errors'

/**
 * Inputs the reference forward cannot use: a token outside the vocabulary, a LoRA matrix whose size does
 * not fit the module it adapts.
 *
 * @example
 * throw new ReferenceInputError('token 600 is outside the vocabulary (512)')
 */
export class ReferenceInputError extends BaseError {
  override name = 'ReferenceInputError'
  constructor(reason: string) {
    super(`Reference forward: ${reason}.`)
  }
}
