import { beforeAll, describe, expect, it } from 'vitest'
import type { SlotBuffers } from '../adapters/index.js'
import { ModelRunner } from '../engine/ModelRunner.js'
import { argmax } from '../engine/sampling.js'
import { loadBaseModel } from '../model/loadBaseModel.js'
import type { BaseModel } from '../model/types.js'
import { referenceForward } from '../reference/referenceForward.js'
import { relativeError } from '../testing/relativeError.js'
import { ORACLE, stories260KDir } from '../testing/sharedModels.js'

const noAdapters: SlotBuffers = { slots: 1, rank: 1, modules: [], a: [], b: [] }

let model: BaseModel
let runner: ModelRunner
beforeAll(async () => {
  model = await loadBaseModel(stories260KDir)
  runner = await ModelRunner.create(model.weights, { maxRows: 4, slots: noAdapters })
})

describe('the ONNX Llama graph on stories260K', () => {
  it('matches the float64 reference forward for a whole prompt (relative error ≤ 1e-4)', async () => {
    const prompt = model.tokenizer.encode('Once upon a time, there was a little dog named Max.', {
      bos: true,
    })
    const { allLogits } = await runner.step(0, [{ tokens: prompt, start: 0, slot: 0 }], { allLogits: true })
    const error = relativeError(allLogits![0]!, referenceForward(model.weights, prompt))
    expect(error).toBeLessThanOrEqual(1e-4)
  })

  it('matches the reference token by token through the KV cache', async () => {
    const prompt = model.tokenizer.encode('Lily saw a big red ball in the park', { bos: true })
    const reference = referenceForward(model.weights, prompt)
    const logits: Float32Array[] = []
    for (let t = 0; t < prompt.length; t++) {
      logits.push((await runner.step(1, [{ tokens: [prompt[t]!], start: t, slot: 0 }])).logits[0]!)
    }
    expect(relativeError(logits, reference)).toBeLessThanOrEqual(1e-4)
  })

  it('reproduces the oracle text by greedy decoding from BOS', async () => {
    const tokens = [model.tokenizer.bos]
    let { logits } = await runner.step(2, [{ tokens, start: 0, slot: 0 }])
    while (tokens.length < 120) {
      tokens.push(argmax(logits[0]!))
      ;({ logits } = await runner.step(2, [{ tokens: [tokens.at(-1)!], start: tokens.length - 1, slot: 0 }]))
    }
    expect(model.tokenizer.decode(tokens).startsWith(ORACLE)).toBe(true)
  })
})
