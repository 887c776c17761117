import { BaseError } from '@openledger/errors'

/**
 * Input a span index cannot hold: a token id that is not an integer in [0, 2³² − 1), a duplicate row id,
 * a contributor that is not an address, or a corpus too large for 32-bit positions.
 *
 * @example
 * throw new SpanIndexInputError('row r7: token 3 is -1, not an integer in [0, 4294967295)')
 */
export class SpanIndexInputError extends BaseError {
  override name = 'SpanIndexInputError'
  constructor(reason: string) {
    super(`Cannot index this corpus: ${reason}.`)
  }
}

/**
 * A span index file that is not one: wrong magic or version, a size that disagrees with its header, a
 * checksum mismatch (corrupted), or arrays that break the index's invariants.
 *
 * @example
 * throw new SpanIndexFormatError('/data/dn1.spans', 'checksum mismatch: the file is corrupted')
 */
export class SpanIndexFormatError extends BaseError {
  override name = 'SpanIndexFormatError'
  constructor(path: string, reason: string, options: { cause?: unknown } = {}) {
    super(`${path} is not a valid span index: ${reason}.`, {
      cause: options.cause,
      metaMessages: ['Rebuild it with buildSpanIndex() and writeSpanIndex().'],
    })
  }
}

/**
 * An option of the span scorer out of its range, named with the value given and what it must be.
 *
 * @example
 * throw new SpanOptionsError('minLength', 0, 'an integer ≥ 1')
 */
export class SpanOptionsError extends BaseError {
  override name = 'SpanOptionsError'
  constructor(option: string, value: unknown, expected: string) {
    super(`Span option ${option} is ${String(value)}; it must be ${expected}.`)
  }
}
