import { BaseError } from '@openledger/errors'

/**
 * For the conformance suite: its store was read outside a test (before `beforeAll` opened it).
 *
 * @example
 * if (error instanceof ConformanceStoreNotOpenError) console.error('read `store` inside a test')
 */
export class ConformanceStoreNotOpenError extends BaseError {
  override name = 'ConformanceStoreNotOpenError'
  constructor() {
    super('The conformance store is not open yet.')
  }
}
