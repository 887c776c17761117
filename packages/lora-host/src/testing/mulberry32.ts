import { createRandom } from '../engine/sampling.js'

/**
 * A seeded PRNG for tests: the engine's mulberry32 (`createRandom`), floats in [0, 1), the same sequence for
 * the same seed.
 *
 * @example
 * const random = mulberry32(42)
 * random() // 0.6011037519201636
 */
export const mulberry32: (seed: number) => () => number = createRandom
