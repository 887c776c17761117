import { BaseError } from '@openledger/errors'

export class InvalidRetrievalEvidenceError extends BaseError {
  override name = 'InvalidRetrievalEvidenceError'
  constructor(index: number, reason: string) {
    super(`Invalid retrieval evidence at index ${index}: ${reason}.`)
  }
}

export class InvalidRetrievalOptionsError extends BaseError {
  override name = 'InvalidRetrievalOptionsError'
  constructor(option: string, value: unknown, expected: string) {
    super(`Invalid retrieval scoring option ${option}: ${String(value)}; expected ${expected}.`)
  }
}
