import { BaseError } from '@openledger/errors'

/**
 * An embedder returned vectors of another length than it declared (or than the index holds).
 *
 * @example
 * try {
 *   await openIndex(store, { datanet, embedder, directory })
 * } catch (error) {
 *   if (error instanceof EmbeddingDimensionError) console.error(error.expected, error.actual)
 * }
 */
export class EmbeddingDimensionError extends BaseError {
  override name = 'EmbeddingDimensionError'
  readonly expected: number
  readonly actual: number

  constructor(embedderId: string, expected: number, actual: number) {
    super(`Embedder ${embedderId} returned a vector of ${actual} dimensions; ${expected} expected.`)
    this.expected = expected
    this.actual = actual
  }
}
