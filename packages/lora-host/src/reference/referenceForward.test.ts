import { describe, expect, it } from 'vitest'
import type { LlamaWeights, LoraWeights } from '../model/types.js'
import { randomLlamaWeights } from '../testing/randomLlamaWeights.js'
import { randomLoraWeights } from '../testing/randomLoraWeights.js'
import { smallLlamaConfig } from '../testing/smallLlamaConfig.js'
import { referenceForward } from './referenceForward.js'
import { referenceGreedy } from './referenceGreedy.js'

const config = smallLlamaConfig
const weights = randomLlamaWeights(config, { seed: 3, scale: 0.3 })
const tokens = [1, 7, 22, 5, 39, 0]

function maxRelativeError(a: Float64Array[], b: Float64Array[]): number {
  let worst = 0
  a.forEach((row, t) => {
    const scale = Math.max(...row.map(Math.abs))
    row.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - b[t]![i]!) / scale)
    })
  })
  return worst
}

describe('referenceForward', () => {
  it('returns finite logits for every position with grouped-query attention (2 kv heads for 4)', () => {
    const logits = referenceForward(weights, tokens)
    expect(logits).toHaveLength(tokens.length)
    for (const row of logits) {
      expect(row).toHaveLength(config.vocabSize)
      expect(row.every(Number.isFinite)).toBe(true)
    }
    expect(logits[1]).not.toEqual(logits[2])
  })

  it('shares each kv head with its group of query heads (same as repeating k/v per head)', () => {
    const repeat = (w: Float32Array) => {
      const out = new Float32Array(w.length * 2)
      const rows = config.headDim * config.dim
      for (let kv = 0; kv < config.nKvHeads; kv++) {
        const head = w.subarray(kv * rows, (kv + 1) * rows)
        out.set(head, 2 * kv * rows)
        out.set(head, (2 * kv + 1) * rows)
      }
      return out
    }
    const full: LlamaWeights = {
      ...weights,
      config: { ...config, nKvHeads: config.nHeads },
      layers: weights.layers.map((layer) => ({ ...layer, wk: repeat(layer.wk), wv: repeat(layer.wv) })),
    }
    expect(referenceForward(full, tokens)).toEqual(referenceForward(weights, tokens))
  })

  it('is unchanged by a LoRA whose B is all zero, and changed by one whose B is not', () => {
    const lora = randomLoraWeights(config, {
      rank: 4,
      alpha: 8,
      modules: ['q_proj', 'v_proj', 'down_proj'],
      seed: 5,
    })
    const zero: LoraWeights = {
      ...lora,
      layers: lora.layers.map((modules) =>
        Object.fromEntries(
          Object.entries(modules).map(([m, pair]) => [m, { ...pair, b: new Float32Array(pair.b.length) }]),
        ),
      ),
    }
    const base = referenceForward(weights, tokens)
    expect(referenceForward(weights, tokens, zero)).toEqual(base)
    expect(maxRelativeError(referenceForward(weights, tokens, lora), base)).toBeGreaterThan(1e-3)
  })

  it('applies a LoRA as W + scale·B·A, with A [r, in] and B [out, r]', () => {
    const lora = randomLoraWeights(config, {
      rank: 3,
      alpha: 12,
      modules: ['o_proj', 'gate_proj'],
      seed: 9,
      layers: [1],
    })
    const merged = weights.layers.map((layer, l) => {
      if (l !== 1) return layer
      const merge = (w: Float32Array, pair: { a: Float32Array; b: Float32Array }, n: number) =>
        w.map((v, index) => {
          const [o, i] = [Math.floor(index / n), index % n]
          let delta = 0
          for (let k = 0; k < 3; k++) delta += pair.b[o * 3 + k]! * pair.a[k * n + i]!
          return v + 4 * delta
        })
      const { o_proj: o, gate_proj: gate } = lora.layers[1]!
      return { ...layer, wo: merge(layer.wo, o!, 32), w1: merge(layer.w1, gate!, 32) }
    })
    const expected = referenceForward({ ...weights, layers: merged }, tokens)
    expect(maxRelativeError(referenceForward(weights, tokens, lora), expected)).toBeLessThan(1e-5)
    expect(maxRelativeError(referenceForward(weights, tokens), expected)).toBeGreaterThan(1e-3)
  })

  it('refuses a token outside the vocabulary and a LoRA of the wrong size', () => {
    expect(() => referenceForward(weights, [40])).toThrow('token 40 is outside the vocabulary (40)')
    const lora = randomLoraWeights(
      { ...config, dim: 16 },
      { rank: 2, alpha: 2, modules: ['k_proj'], seed: 1 },
    )
    expect(() => referenceForward(weights, tokens, lora)).toThrow(
      expect.objectContaining({ name: 'ReferenceInputError' }),
    )
  })
})

describe('referenceGreedy', () => {
  it('follows the argmax of referenceForward and stops after a stop token', () => {
    const ids = referenceGreedy(weights, [1, 7], 12)
    const logits = referenceForward(weights, [1, 7, ...ids.slice(0, -1)])
    ids.forEach((id, i) => {
      const row = logits[i + 1]!
      expect(row[id]).toBe(Math.max(...row))
    })
    const stop = ids[3]!
    const stopped = referenceGreedy(weights, [1, 7], 12, undefined, { stop: [stop] })
    expect(stopped).toEqual(ids.slice(0, ids.indexOf(stop) + 1))
  })
})
