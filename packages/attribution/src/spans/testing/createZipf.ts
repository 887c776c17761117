import { createRandom } from './createRandom.js'

export type CreateZipfParameters = {
  /** Token ids drawn are in [0, vocabularySize); id r has probability ∝ 1 / (r + 1)^exponent. */
  vocabularySize: number
  /** Default 1.1, about natural text's. */
  exponent?: number
  seed: number
}

/**
 * A seeded Zipf sampler over token ids: pseudo-text whose few frequent ids repeat everywhere and whose many
 * rare ids seldom do, like a tokenized corpus. Inverse-CDF sampling, O(log V) per draw.
 *
 * @example
 * const next = createZipf({ vocabularySize: 32_000, seed: 1 })
 * const tokens = Uint32Array.from({ length: 100 }, next)
 */
export function createZipf({ vocabularySize, exponent = 1.1, seed }: CreateZipfParameters): () => number {
  const cumulative = new Float64Array(vocabularySize)
  let sum = 0
  for (let r = 0; r < vocabularySize; r++) {
    sum += 1 / (r + 1) ** exponent
    cumulative[r] = sum
  }
  const random = createRandom(seed)
  return () => {
    const u = random() * sum
    let lo = 0
    let hi = vocabularySize - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid]! < u) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
