import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSlotBuffers, writeSlot } from '../adapters/index.js'
import { ModelRunner } from '../engine/ModelRunner.js'
import { loadBaseModel } from '../model/loadBaseModel.js'
import { loadHuggingFaceFolder } from '../model/loadHuggingFaceFolder.js'
import { type LlamaWeights, type LoraWeights, loraModules } from '../model/types.js'
import { referenceForward } from '../reference/referenceForward.js'
import { randomLoraWeights } from '../testing/randomLoraWeights.js'
import { relativeError } from '../testing/relativeError.js'
import { stories260KDir } from '../testing/sharedModels.js'
import { writeHuggingFaceFolder } from '../testing/writeHuggingFaceFolder.js'

const directories: string[] = []
afterAll(() => {
  for (const d of directories) rmSync(d, { recursive: true, force: true })
})

/** Runs `tokens` through the graph with `lora` in slot 1 (or the base model in slot 0); all positions' logits. */
async function graphLogits(weights: LlamaWeights, tokens: number[], lora: LoraWeights | null, rank = 16) {
  const slots = createSlotBuffers(weights.config, { slots: 2, rank, modules: loraModules })
  if (lora) writeSlot(slots, 1, lora)
  const runner = await ModelRunner.create(weights, { maxRows: 1, slots })
  const { allLogits } = await runner.step(0, [{ tokens, start: 0, slot: lora ? 1 : 0 }], { allLogits: true })
  await runner.release()
  return allLogits![0]!
}

describe('LoRA in the graph', () => {
  it('gives exactly the base output for an adapter with B = 0', async () => {
    const model = await loadBaseModel(stories260KDir)
    const tokens = model.tokenizer.encode('The cat sat on the mat.', { bos: true })
    const lora = randomLoraWeights(model.weights.config, {
      rank: 8,
      alpha: 16,
      modules: loraModules,
      seed: 1,
    })
    for (const layer of lora.layers) for (const pair of Object.values(layer)) pair.b.fill(0)
    const base = await graphLogits(model.weights, tokens, null)
    const zero = await graphLogits(model.weights, tokens, lora)
    expect(zero).toEqual(base)
  })

  it('matches the reference forward on merged weights W + (alpha/r)·B·A', async () => {
    const model = await loadBaseModel(stories260KDir)
    const tokens = model.tokenizer.encode('Tom and Sue went to the shop to buy milk.', { bos: true })
    for (const [rank, modules] of [
      [8, loraModules],
      [4, ['q_proj', 'v_proj'] as const],
      [16, ['gate_proj', 'down_proj', 'o_proj'] as const],
    ] as const) {
      const lora = randomLoraWeights(model.weights.config, {
        rank,
        alpha: 2 * rank,
        modules,
        seed: rank,
        spread: 0.2,
      })
      const graph = await graphLogits(model.weights, tokens, lora)
      const base = referenceForward(model.weights, tokens)
      const merged = referenceForward(model.weights, tokens, lora)
      expect(relativeError(graph, merged)).toBeLessThanOrEqual(1e-4)
      expect(relativeError(graph, base)).toBeGreaterThan(1e-2) // the adapter really changed the output
    }
  })
})

describe('Hugging Face folders', () => {
  for (const [dtype, tied, nKvHeads] of [
    ['F32', true, 4],
    ['F16', false, 2],
    ['BF16', false, 4],
  ] as const) {
    it(`${dtype}, ${tied ? 'tied' : 'separate'} classifier, ${nKvHeads} kv heads: graph matches the reference`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'openledger-hf-'))
      directories.push(dir)
      const config = { dim: 64, hiddenDim: 160, nLayers: 3, nHeads: 4, nKvHeads, maxSeqLen: 128 }
      const written = writeHuggingFaceFolder(dir, { config, seed: 7, dtype, tied, scale: 0.1 })
      const model = await loadHuggingFaceFolder(dir)
      expect(model.weights.config.ropeStyle).toBe('halves')
      const tokens = model.tokenizer.encode('hello world, this is a test', { bos: true })
      expect(tokens.length).toBeGreaterThan(3)
      const graph = await graphLogits(model.weights, tokens, null)
      expect(relativeError(graph, referenceForward(written, tokens))).toBeLessThanOrEqual(1e-4)
      const lora = randomLoraWeights(model.weights.config, {
        rank: 4,
        alpha: 8,
        modules: loraModules,
        seed: 3,
        spread: 0.2,
      })
      const adapted = await graphLogits(model.weights, tokens, lora)
      expect(relativeError(adapted, referenceForward(written, tokens, lora))).toBeLessThanOrEqual(1e-4)
    })
  }
})
