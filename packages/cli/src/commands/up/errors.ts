import { BaseError } from '@openledger/errors'

/** `up` was asked to serve a base model that is nowhere it looked. */
export class BaseModelMissingError extends BaseError {
  override name = 'BaseModelMissingError'
}
