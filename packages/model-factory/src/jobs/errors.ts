import { BaseError } from '@openledger/errors'

/** A fine-tune job's payload (an HTTP body, a queued job) is not one that can run. */
export class InvalidFineTunePayloadError extends BaseError {
  override name = 'InvalidFineTunePayloadError'
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid fine-tune: ${field} ${reason}.`)
  }
}

/** No job of this id is in the `fine-tune` queue (never added, or removed). */
export class FineTuneJobNotFoundError extends BaseError {
  override name = 'FineTuneJobNotFoundError'
  constructor(readonly jobId: string) {
    super(`No fine-tune job ${jobId}.`)
  }
}

/** The adapter's folder already exists; an adapter is never written over another. */
export class AdapterOutputExistsError extends BaseError {
  override name = 'AdapterOutputExistsError'
  constructor(readonly dir: string) {
    super(`${dir} already exists; choose another --name or --out, or remove it first.`)
  }
}

/** `training.json` beside an adapter is missing or not one `adapter train` writes. */
export class InvalidTrainingManifestError extends BaseError {
  override name = 'InvalidTrainingManifestError'
  constructor(
    readonly path: string,
    reason: string,
    cause?: unknown,
  ) {
    super(`${path} is not a training manifest: ${reason}.`, { cause })
  }
}
