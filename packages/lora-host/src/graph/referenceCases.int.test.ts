import { describe, expect, it } from 'vitest'
import type { SlotBuffers } from '../adapters/index.js'
import { ModelRunner } from '../engine/ModelRunner.js'
import { referenceForward } from '../reference/referenceForward.js'
import { referenceCases } from '../testing/referenceCases.js'
import { relativeError } from '../testing/relativeError.js'

const noAdapters: SlotBuffers = { slots: 1, rank: 1, modules: [], a: [], b: [] }

// The same cases and reference hold ModelFactory's training graph (model-factory/src/train).
describe('the serving graph against the float64 reference', () => {
  for (const { name, weights, prompts } of referenceCases()) {
    it(`${name}: every position's logits of prompts batched together (relative error ≤ 1e-4)`, async () => {
      const runner = await ModelRunner.create(weights, { maxRows: prompts.length, slots: noAdapters })
      const rows = prompts.map((tokens) => ({ tokens, start: 0, slot: 0 }))
      const { allLogits } = await runner.step(0, rows, { allLogits: true })
      await runner.release()
      for (const [row, tokens] of prompts.entries()) {
        const expected = referenceForward(weights, tokens)
        expect(allLogits![row]).toHaveLength(tokens.length)
        expect(relativeError(allLogits![row]!, expected)).toBeLessThanOrEqual(1e-4)
      }
    })
  }
})
