import { BaseError } from '@openledger/errors'

export class ModelNotServedError extends BaseError {
  override name = 'ModelNotServedError'
  constructor(model: string, served: string) {
    super(`The model '${model}' does not exist here; this host serves '${served}' and '${served}:<adapter>'.`)
  }
}

/** The host serves only adapters its guard accepts (e.g. registered with their lineage on-chain). */
export class AdapterNotServableError extends BaseError {
  override name = 'AdapterNotServableError'
  constructor(
    readonly adapterId: string,
    readonly sha256: string,
  ) {
    super(
      `Adapter '${adapterId}' (${sha256}) is not servable here: it is not registered, or it was revoked.`,
      {
        metaMessages: ['Register its lineage on-chain (openledger adapter register <dir> --on-chain) first.'],
      },
    )
  }
}
