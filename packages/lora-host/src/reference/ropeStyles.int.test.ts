import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadLlama2c } from '../model/loadLlama2c.js'
import type { LlamaWeights } from '../model/types.js'
import { referenceForward } from './referenceForward.js'

const dir = fileURLToPath(new URL('../../../../../shared/models/stories260K/', import.meta.url))

/** Hugging Face's conversion of Meta/llama2.c q,k rows: per head, interleaved pairs (2j, 2j+1) → (j, j+d/2). */
function toHalves(w: Float32Array, heads: number, headDim: number, cols: number): Float32Array {
  const out = new Float32Array(w.length)
  for (let h = 0; h < heads; h++) {
    for (let j = 0; j < headDim / 2; j++) {
      for (const t of [0, 1]) {
        const from = (h * headDim + 2 * j + t) * cols
        out.set(w.subarray(from, from + cols), (h * headDim + t * (headDim / 2) + j) * cols)
      }
    }
  }
  return out
}

describe('RoPE styles', () => {
  it('halves on HF-permuted q/k rows give the same logits as interleaved pairs on the originals', () => {
    const { weights } = loadLlama2c({
      checkpoint: join(dir, 'stories260K.bin'),
      tokenizer: join(dir, 'tok512.bin'),
    })
    const c = weights.config
    const permuted: LlamaWeights = {
      ...weights,
      config: { ...c, ropeStyle: 'halves' },
      layers: weights.layers.map((layer) => ({
        ...layer,
        wq: toHalves(layer.wq, c.nHeads, c.headDim, c.dim),
        wk: toHalves(layer.wk, c.nKvHeads, c.headDim, c.dim),
      })),
    }
    const tokens = [1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298]
    const expected = referenceForward(weights, tokens)
    const actual = referenceForward(permuted, tokens)
    let worst = 0
    expected.forEach((row, t) => {
      row.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - actual[t]![i]!))
      })
    })
    expect(worst).toBeLessThan(1e-9)
    const unpermuted = referenceForward({ ...weights, config: { ...c, ropeStyle: 'halves' } }, tokens)
    expect(Math.abs(unpermuted.at(-1)![0]! - expected.at(-1)![0]!)).toBeGreaterThan(1e-6)
  })
})
