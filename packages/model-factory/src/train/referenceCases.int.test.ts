import { referenceCases, referenceTokenLosses } from '@openledger/lora-host/testing'
import { describe, expect, test } from 'vitest'
import { initLoraState } from './initLoraState.js'
import { type LoraState, TrainingSession } from './TrainingSession.js'

const mapValues = (state: LoraState, f: (v: Float32Array | Float64Array) => Float64Array): LoraState =>
  new Map([...state].map(([name, v]) => [name, f(v)]))

// The same cases and reference hold lora-host's serving graph (lora-host/src/graph/referenceCases.int.test.ts).
describe('the training graph against the float64 reference', () => {
  for (const { name, weights, prompts } of referenceCases()) {
    test(`${name}: every next-token loss of prompts batched together, in double and float`, async () => {
      const seqLen = Math.max(...prompts.map((tokens) => tokens.length)) - 1
      for (const type of ['double', 'float'] as const) {
        const session = await TrainingSession.create(weights, {
          batch: prompts.length,
          seqLen,
          rank: 4,
          alpha: 8,
          modules: ['q_proj', 'v_proj', 'down_proj'],
          type,
        })
        // A fresh adapter (B = 0) leaves the base model exactly as it is.
        const fresh = initLoraState(session.matrices, 1)
        const state = type === 'double' ? mapValues(fresh, (v) => Float64Array.from(v)) : fresh
        const { tokenLosses } = await session.step(
          state,
          prompts.map((tokens) => ({ tokens })),
        )
        await session.release()
        for (const [row, tokens] of prompts.entries()) {
          const expected = referenceTokenLosses(weights, tokens)
          for (const [i, value] of expected.entries()) {
            expect(Math.abs(tokenLosses[row * seqLen + i]! - value)).toBeLessThan(
              type === 'double' ? 1e-9 : 2e-4,
            )
          }
        }
      }
    })
  }
})
