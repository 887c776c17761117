import { attributeAnswer, SHARE_SCALE } from '@openledger/attribution'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostEmbedder } from '../embeddings/hostEmbedder.js'
import { reviewRow } from '../rows/reviewRow.js'
import { contributeText } from '../testing/contributeText.js'
import { type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import { storySentences } from '../testing/storySentences.js'
import type { DatanetRow } from '../types.js'
import { openIndex } from './openIndex.js'
import { searchDatanet } from './searchDatanet.js'

let env: DatanetTestEnv
let lora: TestHost
const rows: DatanetRow[] = []

beforeAll(async () => {
  ;[env, lora] = await Promise.all([datanetTestEnv(), createTestHost({ options: { maxBatch: 8 } })])
  for (const [i, text] of storySentences.slice(0, 8).entries()) {
    const row = await contributeText(env.store, env.datanet, i === 5 ? env.bob : env.alice, text)
    rows.push(
      await reviewRow(env.chain.connection, env.store, {
        rowId: row.rowId,
        curator: env.datanet.curator,
        decision: 'accepted',
      }),
    )
  }
})
afterAll(async () => {
  await lora?.close()
  await env?.cleanup()
})

describe('retrieval attribution through real embeddings and a real hnswlib index', () => {
  it('credits the contributor of the row the run retrieved into its prompt', async () => {
    const index = await openIndex(env.store, {
      datanet: env.datanet,
      embedder: hostEmbedder(lora.host),
      directory: `${env.directory}/indexes`,
    })
    const bobsRow = rows[5]!
    const hits = await searchDatanet(env.store, index, { query: storySentences[5]!, k: 3 })
    expect(hits[0]!.rowId).toBe(bobsRow.rowId)
    // the agent put the top hit into its prompt; the others were retrieved and dropped
    const evidence = hits.map((hit, i) => ({
      datanetId: env.datanet.datanetId,
      rowId: hit.rowId,
      contributor: hit.contributor,
      similarity: hit.score,
      rank: hit.rank - 1,
      inPrompt: i === 0,
    }))
    const result = await attributeAnswer({ answerTokens: [], retrieval: evidence })
    if (!result.evidence) throw new Error('expected retrieval evidence')
    expect(result.contributors[0]).toMatchObject({ contributor: env.bob.address })
    expect(result.contributors[0]!.share).toBeGreaterThan(SHARE_SCALE / 2n)
    expect(result.contributors.reduce((sum, c) => sum + c.share, 0n)).toBe(SHARE_SCALE)
    expect(result.contributions.map((c) => c.method)).toEqual(expect.arrayContaining(['retrieval']))
  })
})
