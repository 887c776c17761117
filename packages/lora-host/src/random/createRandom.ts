/**
 * The project's one seeded random generator (mulberry32): floats in [0, 1), the same sequence for the same
 * seed. Sampling in the engine, LoRA initialisation and data shuffling in ModelFactory, random projections
 * for influence, and the random weights and corpora of tests and benchmarks all draw from it, so a seed
 * means the same numbers everywhere.
 *
 * @example
 * const random = createRandom(42)
 * random() // 0.6011037519201636
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
