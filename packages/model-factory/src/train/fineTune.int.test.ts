import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BaseModel, LoraHost, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FineTuneCancelledError, InvalidFineTuneError, NoTrainingDataError } from './errors.js'
import { type FineTuneResult, fineTune } from './fineTune.js'
import { peftAdapterFiles, writePeftAdapter } from './peftAdapterFiles.js'
import { tokenizeRow } from './tokenizeRow.js'

/** A tiny task the base model does not know: whoever goes wherever, the answer names a purple frog. */
const names = ['Tom', 'Lily', 'Sam', 'Anna', 'Ben', 'Mia', 'Max', 'Sue', 'Tim', 'Zoe', 'Jack', 'Emma']
const places = ['park', 'garden', 'forest', 'pond', 'school', 'beach']
const row = (name: string, place: string) => ({
  kind: 'prompt_completion' as const,
  prompt: `${name} went to the ${place}. What did ${name} see?`,
  completion: ` ${name} saw a purple frog.`,
})
const rows = names.flatMap((name, i) =>
  places.slice(0, 4).map((_, j) => row(name, places[(i + j) % places.length]!)),
)
const heldOutPrompts = [row('Kim', 'lake'), row('Bob', 'farm')].map((r) => r.prompt)

const OPTIONS = {
  rank: 8,
  steps: 60,
  batch: 8,
  seqLen: 48,
  lr: 3e-3,
  evalEvery: 10,
  patience: 0,
  seed: 7,
} as const

let model: BaseModel
let result: FineTuneResult
let directory: string
beforeAll(async () => {
  model = await loadBaseModel(stories260KDir)
  directory = mkdtempSync(join(tmpdir(), 'openledger-finetune-'))
  result = await fineTune({
    weights: model.weights,
    sequences: rows.map((r) => tokenizeRow(model.tokenizer, r)),
    options: OPTIONS,
  })
}, 120_000)
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('fineTune on stories260K', () => {
  test('lowers the held-out loss well below the base model’s', () => {
    // Held-out rows are other names at the same places: the adapter must generalise the answer. Measured:
    // 3.09 (base) → 0.32 after 60 steps; asserted with room: below 60% of the base loss.
    expect(result.baseEvalLoss).toBeGreaterThan(2)
    expect(result.bestEvalLoss).toBeLessThan(result.baseEvalLoss * 0.6)
    expect(result.history.at(-1)!.loss).toBeLessThan(result.history[0]!.loss)
    expect(result.split.eval.length).toBeGreaterThanOrEqual(1)
  })

  test('the adapter loads in the host, and its greedy answers use the training vocabulary', async () => {
    const files = peftAdapterFiles({ result, config: model.weights.config, baseModel: model.id })
    const dir = join(directory, 'purple-frog')
    writePeftAdapter(dir, files)
    expect(readFileSync(join(dir, 'adapter_config.json'), 'utf8')).toContain('"r": 8')
    const host = await LoraHost.create({
      model,
      adaptersDir: join(directory, 'adapters'),
      maxRank: 8,
      loraModules: [...result.modules],
    })
    try {
      await host.registerAdapter({ name: 'frog', dir })
      const greedy = { temperature: 0, topP: 1, topK: 0, maxTokens: 12 }
      for (const prompt of heldOutPrompts) {
        const tokens = model.tokenizer.encode(prompt, { bos: true })
        const base = await host.generate(model.id, { ...greedy, prompt: tokens }).generation.result
        const tuned = await host.generate(`${model.id}:frog`, { ...greedy, prompt: tokens }).generation.result
        expect(base.text).not.toMatch(/purple|frog/)
        expect(tuned.text).toMatch(/purple|frog/)
      }
    } finally {
      await host.close()
    }
  }, 60_000)

  test('stops early when the held-out loss stops improving, keeping the best adapter', async () => {
    // A learning rate far too high makes the held-out loss climb after the first steps.
    const diverging = await fineTune({
      weights: model.weights,
      sequences: rows.map((r) => tokenizeRow(model.tokenizer, r)),
      options: { ...OPTIONS, steps: 40, lr: 0.5, warmupSteps: 0, evalEvery: 2, patience: 2 },
    })
    expect(diverging.stoppedEarly).toBe(true)
    expect(diverging.stepsRun).toBeLessThan(40)
    const evals = diverging.history.filter((h) => h.evalLoss !== undefined).map((h) => h.evalLoss!)
    expect(diverging.bestEvalLoss).toBe(Math.min(diverging.baseEvalLoss, ...evals))
    expect(evals.slice(-2).every((loss) => loss >= diverging.bestEvalLoss)).toBe(true)
  }, 60_000)

  test('the same seed gives the same adapter bytes', async () => {
    const again = await fineTune({
      weights: model.weights,
      sequences: rows.map((r) => tokenizeRow(model.tokenizer, r)),
      options: { ...OPTIONS, steps: 5 },
    })
    const twice = await fineTune({
      weights: model.weights,
      sequences: rows.map((r) => tokenizeRow(model.tokenizer, r)),
      options: { ...OPTIONS, steps: 5 },
    })
    const bytes = (r: FineTuneResult) =>
      peftAdapterFiles({ result: r, config: model.weights.config, baseModel: model.id }).weights
    expect(Buffer.from(bytes(again)).equals(Buffer.from(bytes(twice)))).toBe(true)
  }, 60_000)

  test('refuses no rows, a row longer than the context, rank 0 or above the host maximum; a cancel stops it', async () => {
    const weights = model.weights
    const sequences = rows.map((r) => tokenizeRow(model.tokenizer, r))
    await expect(fineTune({ weights, sequences: [], options: OPTIONS })).rejects.toThrow(NoTrainingDataError)
    const long = { tokens: Array.from({ length: 60 }, () => 5) }
    await expect(
      fineTune({
        weights,
        sequences: [...sequences, long],
        rowIds: [...sequences.map((_, i) => `r${i}`), 'row-long'],
        options: OPTIONS,
      }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`
      [SequenceTooLongError: Training row row-long is 60 tokens; the context holds 49 (with BOS).

      Shorten the row, or train with a longer --seq-len (up to the model’s context).]
    `)
    await expect(fineTune({ weights, sequences, options: { ...OPTIONS, rank: 0 } })).rejects.toThrow(
      InvalidFineTuneError,
    )
    await expect(
      fineTune({ weights, sequences, options: { ...OPTIONS, rank: 32, maxRank: 16 } }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidFineTuneError: Cannot fine-tune: rank is 32; expected an integer from 1 to 16 (the host's maximum).]`,
    )
    const controller = new AbortController()
    const cancelled = fineTune({
      weights,
      sequences,
      options: OPTIONS,
      signal: controller.signal,
      onProgress: ({ step }) => step === 3 && controller.abort(),
    })
    await expect(cancelled).rejects.toThrow(FineTuneCancelledError)
    await expect(cancelled).rejects.toMatchObject({ step: 3 })
  })
})
