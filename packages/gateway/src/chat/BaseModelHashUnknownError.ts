import { BaseError } from '@openledger/errors'

/**
 * The model host does not say which weights its base model has (`root_sha256` of the base model in
 * `GET /v1/models`), so no receipt could commit to the base model that answered: nothing is answered or charged.
 */
export class BaseModelHashUnknownError extends BaseError {
  override name = 'BaseModelHashUnknownError'
  constructor(
    readonly baseModel: string,
    reason: string,
  ) {
    super(`The model host does not report the sha256 of base model ${baseModel}: ${reason}.`, {
      metaMessages: ['Run a lora-host that lists root_sha256 in GET /v1/models.'],
    })
  }
}
