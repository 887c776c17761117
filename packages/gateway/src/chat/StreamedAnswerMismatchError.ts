import { BaseError } from '@openledger/errors'

/**
 * An agent streamed text that is not the start of its final answer, so the caller's stream cannot be made to
 * equal the answer the receipt hashes. Reported to `onError`; the caller still gets the receipt.
 */
export class StreamedAnswerMismatchError extends BaseError {
  override name = 'StreamedAnswerMismatchError'
  constructor(readonly agentId: string) {
    super(`agent ${agentId} streamed text that is not the start of its answer`)
  }
}
