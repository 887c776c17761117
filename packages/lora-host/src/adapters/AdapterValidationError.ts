import { BaseError } from '@openledger/errors'

/**
 * An adapter's files are not a PEFT LoRA adapter this host can serve: bad config, wrong or missing tensors,
 * non-finite values, an unsupported feature, or another base model. `reason` says exactly what.
 *
 * @example
 * try { parsePeftAdapter(files, base) } catch (error) {
 *   if (error instanceof AdapterValidationError) console.log(error.reason)
 * }
 */
export class AdapterValidationError extends BaseError {
  override name = 'AdapterValidationError'
  readonly reason: string
  readonly adapter: string | undefined

  constructor(reason: string, options: { adapter?: string | undefined; cause?: unknown } = {}) {
    super(
      options.adapter === undefined
        ? `Invalid PEFT adapter: ${reason}.`
        : `Adapter ${options.adapter} is invalid: ${reason}.`,
      { cause: options.cause },
    )
    this.reason = reason
    this.adapter = options.adapter
  }
}
