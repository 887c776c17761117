import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { attributeAnswer } from '@openledger/attribution'
import { type BaseModel, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fineTune } from '../train/fineTune.js'
import { TrainingSession } from '../train/TrainingSession.js'
import { tokenizeRow } from '../train/tokenizeRow.js'
import { computeInfluenceFeatures } from './computeInfluenceFeatures.js'
import { createInfluenceScorer } from './createInfluenceScorer.js'
import { contributorOf, FACTS, factsTask } from './factsTask.js'
import type { InfluenceFeatures } from './InfluenceFeatures.js'
import { readInfluenceFeatures, writeInfluenceFeatures } from './influenceFiles.js'
import { scoreInfluence } from './scoreInfluence.js'

const SEQ_LEN = 48
let model: BaseModel
let features: InfluenceFeatures
let directory: string
const task = factsTask()

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'openledger-influence-'))
  model = await loadBaseModel(stories260KDir)
  const sequences = task.rows.map((r) => tokenizeRow(model.tokenizer, r.content))
  const result = await fineTune({
    weights: model.weights,
    sequences,
    options: {
      rank: 8,
      steps: 60,
      batch: 8,
      seqLen: SEQ_LEN,
      lr: 3e-3,
      evalEvery: 20,
      patience: 0,
      seed: 3,
      checkpoints: 3,
    },
  })
  features = await computeInfluenceFeatures({
    weights: model.weights,
    result,
    seqLen: SEQ_LEN,
    rows: task.rows,
    sequences,
    k: 256,
  })
}, 120_000)
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('gradient influence on a controlled task (4 contributors, one fact each)', () => {
  test('stores one k-dimensional feature per row and checkpoint, and reads them back exactly', () => {
    expect(features.checkpoints.map((c) => c.step)).toEqual([20, 40, 60])
    expect(features.features).toHaveLength(3 * task.rows.length * 256)
    expect(features.features.every(Number.isFinite)).toBe(true)
    writeInfluenceFeatures(directory, features)
    const read = readInfluenceFeatures(directory)
    expect(read.rows).toEqual(
      features.rows.map(({ rowId, datanetId, contributor }) => ({ rowId, datanetId, contributor })),
    )
    expect(Buffer.from(read.features.buffer).equals(Buffer.from(features.features.buffer))).toBe(true)
    expect([...read.checkpoints[2]!.state.get('lora_b_4_v_proj')!]).toEqual([
      ...features.checkpoints[2]!.state.get('lora_b_4_v_proj')!,
    ])
    writeFileSync(join(directory, 'influence.f32'), new Uint8Array(12))
    expect(() => readInfluenceFeatures(directory)).toThrow(
      /^The influence features in .* are unusable: influence\.f32 has 12 bytes; expected 122880\./,
    )
  })

  test('the attribution engine’s scorer and fusion credit the fact’s contributor most', async () => {
    const scorer = createInfluenceScorer({
      weights: model.weights,
      features: new Map([['frog-adapter', features]]),
      bos: model.tokenizer.bos,
    })
    try {
      const query = task.queries[0]!
      const prompt = model.tokenizer.encode((query.content as { prompt: string }).prompt, { bos: true })
      const answer = model.tokenizer.encode((query.content as { completion: string }).completion, {
        bos: false,
      })
      const influence = await scorer.score({
        answerTokens: answer,
        promptTokens: prompt,
        adapters: ['frog-adapter'],
      })
      expect(influence.rows.length).toBeGreaterThan(0)
      expect(influence.rows.every((r) => r.score > 0 && Number.isFinite(r.score))).toBe(true)
      // Through the attribution engine: influence is the only method with evidence here, so it decides alone.
      const fused = await attributeAnswer({
        answerTokens: answer,
        influence: { scorer, adapters: ['frog-adapter'], promptTokens: prompt },
      })
      if (!fused.evidence) throw new Error(`no evidence: ${fused.reason}`)
      expect(fused.methods.find((m) => m.method === 'influence')?.rows).toEqual(influence.rows)
      const top = [...fused.contributors].sort((a, b) => (a.share > b.share ? -1 : 1))[0]!
      expect(top.contributor).toBe(contributorOf(query.fact))
      expect(await scorer.score({ answerTokens: answer, adapters: ['unknown'] })).toEqual({
        method: 'influence',
        rows: [],
      })
    } finally {
      await scorer.close()
    }
  }, 60_000)

  test('ranks the contributor whose fact the answer states first, for every held-out query', async () => {
    const session = await TrainingSession.create(model.weights, {
      batch: 1,
      ...features.training,
      modules: features.training.modules as never,
    })
    try {
      for (const query of task.queries) {
        const scores = await scoreInfluence(session, features, tokenizeRow(model.tokenizer, query.content))
        const byFact = FACTS.map((_, fact) =>
          task.rows.reduce((sum, row, i) => sum + (row.fact === fact ? scores[i]! : 0), 0),
        )
        const top = byFact.indexOf(Math.max(...byFact))
        expect(
          top,
          `query "${(query.content as { prompt: string }).prompt}" scored ${byFact.map((s) => s.toFixed(2))}`,
        ).toBe(query.fact)
      }
    } finally {
      await session.release()
    }
  }, 60_000)
})
