import { BaseError } from '@openledger/errors'

export class ModelNotServedError extends BaseError {
  override name = 'ModelNotServedError'
  constructor(model: string, served: string) {
    super(`The model '${model}' does not exist here; this host serves '${served}' and '${served}:<adapter>'.`)
  }
}
