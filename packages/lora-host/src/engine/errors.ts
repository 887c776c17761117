import { BaseError } from '@openledger/errors'

export class QueueFullError extends BaseError {
  override name = 'QueueFullError'
  constructor(limit: number) {
    super(`The host's queue is full (${limit} requests waiting); retry later.`)
  }
}

export class ContextLengthError extends BaseError {
  override name = 'ContextLengthError'
  constructor(promptTokens: number, maxTokens: number, limit: number) {
    super(
      `The prompt (${promptTokens} tokens) plus max_tokens (${maxTokens}) exceeds the model's context of ${limit} tokens.`,
    )
  }
}

export class EngineClosedError extends BaseError {
  override name = 'EngineClosedError'
  constructor() {
    super('The engine is shut down.')
  }
}

/**
 * A request named an adapter but the engine was built without an adapter cache, so it can serve only the
 * base model. The request fails alone; the host always gives its engine a cache.
 *
 * @example
 * throw new NoAdapterCacheError('defi')
 */
export class NoAdapterCacheError extends BaseError {
  override name = 'NoAdapterCacheError'
  constructor(readonly adapter: string) {
    super(`The engine has no adapter cache: cannot serve adapter ${adapter}.`)
  }
}

/**
 * The KV cache was asked to hold more positions than the model's context (the engine checks requests
 * against the context first, so this is a bug if it reaches a caller).
 *
 * @example
 * throw new KvCacheCapacityError(600, 512)
 */
export class KvCacheCapacityError extends BaseError {
  override name = 'KvCacheCapacityError'
  constructor(
    readonly needed: number,
    readonly limit: number,
  ) {
    super(`${needed} positions exceed the model's ${limit}.`)
  }
}

/**
 * An embedding request with an empty token sequence: there is nothing to average.
 *
 * @example
 * throw new EmptyEmbeddingInputError()
 */
export class EmptyEmbeddingInputError extends BaseError {
  override name = 'EmptyEmbeddingInputError'
  constructor() {
    super('Cannot embed an empty token sequence.')
  }
}
