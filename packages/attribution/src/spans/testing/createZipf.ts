export type CreateZipfParameters = {
  /** Token ids drawn are in [0, vocabularySize); id r has probability ∝ 1 / (r + 1)^exponent. */
  vocabularySize: number
  /** Default 1.1, about natural text's. */
  exponent?: number
  /** Uniform draws in [0, 1): a seeded generator (lora-host's `createRandom`) makes the text reproducible. */
  random: () => number
}

/**
 * A seeded Zipf sampler over token ids: pseudo-text whose few frequent ids repeat everywhere and whose many
 * rare ids seldom do, like a tokenized corpus. Inverse-CDF sampling, O(log V) per draw.
 *
 * @example
 * const next = createZipf({ vocabularySize: 32_000, random: createRandom(1) })
 * const tokens = Uint32Array.from({ length: 100 }, next)
 */
export function createZipf({ vocabularySize, exponent = 1.1, random }: CreateZipfParameters): () => number {
  const cumulative = new Float64Array(vocabularySize)
  let sum = 0
  for (let r = 0; r < vocabularySize; r++) {
    sum += 1 / (r + 1) ** exponent
    cumulative[r] = sum
  }
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
