import { BaseError } from '@openledger/errors'

/**
 * `runAgent` was not given every tool the agent's definition names.
 *
 * @example
 * if (error instanceof MissingToolsError) console.error(`pass ${error.missing.join(', ')}`)
 */
export class MissingToolsError extends BaseError {
  override name = 'MissingToolsError'
  readonly missing: readonly string[]

  constructor(agentId: string, missing: readonly string[]) {
    super(`agent ${agentId} needs tools it was not given: ${missing.join(', ')}`)
    this.missing = missing
  }
}
