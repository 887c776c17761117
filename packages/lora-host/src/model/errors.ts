import { BaseError } from '@openledger/errors'

/**
 * A model file or folder that does not hold what its format promises: a wrong size, a missing or
 * mis-shaped tensor, a bad config field. The message names the file and the part at fault.
 *
 * @example
 * throw new ModelFormatError('model/config.json', 'hidden_size: expected a positive integer')
 */
export class ModelFormatError extends BaseError {
  override name = 'ModelFormatError'
  constructor(source: string, reason: string, options: { cause?: unknown } = {}) {
    super(`${source}: ${reason}.`, { cause: options.cause })
  }
}

/**
 * A model path that does not exist.
 *
 * @example
 * throw new ModelNotFoundError('/models/stories260K')
 */
export class ModelNotFoundError extends BaseError {
  override name = 'ModelNotFoundError'
  constructor(path: string) {
    super(`No model at ${path}.`, {
      metaMessages: [
        'Expected a Hugging Face folder (config.json, model.safetensors, tokenizer.json), a llama2.c folder',
        '(one checkpoint .bin and a tokenizer tok*.bin), or a llama2.c checkpoint .bin with its tokenizer beside it.',
      ],
    })
  }
}
