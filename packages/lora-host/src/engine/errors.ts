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
