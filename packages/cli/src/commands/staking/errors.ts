import { BaseError } from '@openledger/errors'

/** `slash` needs one decision: `--uphold --bps <n>`, or `--reject`. */
export class SlashDecisionError extends BaseError {
  override name = 'SlashDecisionError'
  constructor() {
    super('Say --uphold --bps <1-10000>, or --reject; not both.')
  }
}
