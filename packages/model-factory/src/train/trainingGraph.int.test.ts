import { join } from 'node:path'
import {
  createRandom,
  type LoraModule,
  type LoraWeights,
  loadLlama2c,
  transposeMatrix,
} from '@openledger/lora-host'
import { referenceTokenLosses, stories260KDir } from '@openledger/lora-host/testing'
import { beforeAll, describe, expect, test } from 'vitest'
import { trainingNames } from './buildTrainingGraph.js'
import { type LoraState, TrainingSession } from './TrainingSession.js'

const model = () =>
  loadLlama2c({
    checkpoint: join(stories260KDir, 'stories260K.bin'),
    tokenizer: join(stories260KDir, 'tok512.bin'),
  })
let weights: ReturnType<typeof model>['weights']
let sentences: number[][]
beforeAll(() => {
  const m = model()
  weights = m.weights
  sentences = ['Once upon a time, there was a cat.', 'Lily saw a big red ball.'].map((t) =>
    m.tokenizer.encode(t, { bos: true }),
  )
})

const MODULES: LoraModule[] = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
const RANK = 2
const ALPHA = 4

/** Random non-zero A and B (B = 0 would make every A gradient zero). */
function randomState(session: TrainingSession, seed: number, double: boolean): LoraState {
  const random = createRandom(seed)
  return new Map(
    session.matrices.map(({ name, shape }) => {
      const values = Array.from({ length: shape[0]! * shape[1]! }, () => (random() * 2 - 1) * 0.1)
      return [name, double ? Float64Array.from(values) : Float32Array.from(values)]
    }),
  )
}

/** The same adapter in PEFT's layout ([r, in], [out, r]) for the float64 reference. */
function referenceLora(state: LoraState): LoraWeights {
  const layers: LoraWeights['layers'] = Array.from({ length: weights.config.nLayers }, () => ({}))
  for (const [layer, entry] of layers.entries())
    for (const module of MODULES) {
      const a = state.get(trainingNames.loraA(layer, module))!
      const b = state.get(trainingNames.loraB(layer, module))!
      const inDim = a.length / RANK
      const outDim = b.length / RANK
      entry[module] = { rank: RANK, a: transposeMatrix(a, inDim, RANK), b: transposeMatrix(b, RANK, outDim) }
    }
  return { rank: RANK, scale: ALPHA / RANK, layers }
}

describe('the LoRA training graph on stories260K', () => {
  // The reference takes the adapter as float32 arrays (PEFT's dtype), so float64 agrees to ~1e-8, not 1e-12.
  test('its per-token losses match the float64 reference with the adapter merged', async () => {
    const seqLen = Math.max(...sentences.map((s) => s.length)) - 1
    for (const type of ['double', 'float'] as const) {
      const session = await TrainingSession.create(weights, {
        batch: 2,
        seqLen,
        rank: RANK,
        alpha: ALPHA,
        modules: MODULES,
        type,
      })
      const state = randomState(session, 7, type === 'double')
      const { tokenLosses, loss } = await session.step(
        state,
        sentences.map((tokens) => ({ tokens })),
      )
      const lora = referenceLora(state)
      let total = 0
      let count = 0
      for (const [row, tokens] of sentences.entries()) {
        const expected = referenceTokenLosses(weights, tokens, lora)
        for (const [i, value] of expected.entries()) {
          expect(Math.abs(tokenLosses[row * seqLen + i]! - value)).toBeLessThan(
            type === 'double' ? 1e-7 : 2e-4,
          )
          total += value
          count++
        }
      }
      expect(Math.abs(loss - total / count)).toBeLessThan(type === 'double' ? 1e-7 : 2e-4)
      await session.release()
    }
  })

  test('its LoRA gradients match central finite differences of the loss (float64)', async () => {
    const session = await TrainingSession.create(weights, {
      batch: 2,
      seqLen: 8,
      rank: RANK,
      alpha: ALPHA,
      modules: MODULES,
      type: 'double',
    })
    const state = randomState(session, 11, true)
    const sequences = sentences.map((tokens, row) => ({
      tokens: tokens.slice(0, 9),
      lossMask: Array.from({ length: 8 }, (_, i) => row === 0 || i >= 3), // a prompt the loss skips
    }))
    const { grads } = await session.step(state, sequences)
    const random = createRandom(5)
    const epsilon = 1e-6
    let checked = 0
    let maxError = 0
    for (const { name } of session.matrices.filter((_, i) => i % 5 === 0)) {
      const values = state.get(name)!
      for (let k = 0; k < 3; k++) {
        const j = Math.floor(random() * values.length)
        const original = values[j]!
        values[j] = original + epsilon
        const plus = (await session.step(state, sequences)).loss
        values[j] = original - epsilon
        const minus = (await session.step(state, sequences)).loss
        values[j] = original
        const numeric = (plus - minus) / (2 * epsilon)
        const analytic = grads.get(name)![j]!
        maxError = Math.max(maxError, Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric)))
        checked++
      }
    }
    expect(checked).toBeGreaterThan(20)
    expect(maxError).toBeLessThan(1e-5)
    await session.release()
  })
})
