import type { LlamaConfig } from './types.js'

/** RoPE's rotation angles as cos and sin, row-major [positions, headDim / 2]. */
export type RopeTables = {
  positions: number
  /** headDim / 2: the pairs each head's vector rotates. */
  half: number
  cos: Float64Array
  sin: Float64Array
}

/**
 * The RoPE tables for positions 0…positions−1: pair i of a head at position p turns by p / θ^(2i/headDim).
 * The one copy of these angles: the serving graph (as float32 initializers), the training graph and the
 * float64 reference read them from here; how a head's dimensions pair up (`ropeStyle`) is each forward's part.
 *
 * @example
 * const { cos, sin, half } = ropeTables(model.weights.config, model.weights.config.maxSeqLen)
 * cos[5 * half + 0] // cos(5): pair 0 turns by one radian per position
 */
export function ropeTables(
  config: Pick<LlamaConfig, 'headDim' | 'ropeTheta'>,
  positions: number,
): RopeTables {
  const half = config.headDim / 2
  const cos = new Float64Array(positions * half)
  const sin = new Float64Array(positions * half)
  for (let pos = 0; pos < positions; pos++) {
    for (let i = 0; i < half; i++) {
      const angle = pos / config.ropeTheta ** ((2 * i) / config.headDim)
      cos[pos * half + i] = Math.cos(angle)
      sin[pos * half + i] = Math.sin(angle)
    }
  }
  return { positions, half, cos, sin }
}
