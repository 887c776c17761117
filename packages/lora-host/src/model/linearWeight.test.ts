import { describe, expect, it } from 'vitest'
import { tinyLlamaConfig } from '../adapters/testing.js'
import { randomLlamaWeights } from '../testing/randomLlamaWeights.js'
import { classifierWeight } from './classifierWeight.js'
import { linearWeight } from './linearWeight.js'
import { transposeMatrix } from './transposeMatrix.js'

describe('the weight layout for graphs', () => {
  it('transposeMatrix turns row-major [rows, cols] into [cols, rows]', () => {
    expect(transposeMatrix([1, 2, 3, 4, 5, 6], 2, 3)).toEqual(new Float32Array([1, 4, 2, 5, 3, 6]))
  })

  it('linearWeight gives a module as [in, out] and classifierWeight the classifier as [dim, vocab]', () => {
    const config = { ...tinyLlamaConfig, tiedEmbeddings: false } // 4 kv heads for 8, a separate classifier
    const weights = randomLlamaWeights(config, { seed: 2 })
    const kv = config.nKvHeads * config.headDim
    const k = linearWeight(weights, 1, 'k_proj')
    expect([k.in, k.out]).toEqual([config.dim, kv])
    // element (i, o) of [in, out] is element (o, i) of the checkpoint's [out, in]
    expect(k.data[5 * kv + 3]).toBe(weights.layers[1]!.wk[3 * config.dim + 5])
    const down = linearWeight(weights, 0, 'down_proj')
    expect([down.in, down.out]).toEqual([config.hiddenDim, config.dim])
    expect(down.data[7 * config.dim + 2]).toBe(weights.layers[0]!.w2[2 * config.hiddenDim + 7])
    const classifier = classifierWeight(weights)
    expect(classifier[4 * config.vocabSize + 9]).toBe(weights.classifier[9 * config.dim + 4])
  })
})
