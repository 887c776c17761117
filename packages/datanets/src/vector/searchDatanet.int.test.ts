import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Embedder } from '../embeddings/Embedder.js'
import { hostEmbedder } from '../embeddings/hostEmbedder.js'
import { reviewRow } from '../rows/reviewRow.js'
import { contributeText } from '../testing/contributeText.js'
import { type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import { storySentences } from '../testing/storySentences.js'
import type { Datanet, DatanetRow } from '../types.js'
import { openIndex } from './openIndex.js'
import { refreshIndex } from './refreshIndex.js'
import { searchDatanet } from './searchDatanet.js'

let env: DatanetTestEnv
let lora: TestHost
let embedder: Embedder
let accepted: DatanetRow[]
let unaccepted: DatanetRow[]
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0)
const accept = (row: DatanetRow, datanet: Datanet = env.datanet) =>
  reviewRow(env.chain.connection, env.store, {
    rowId: row.rowId,
    curator: datanet.curator,
    decision: 'accepted',
  })
const open = (e: Embedder = embedder) =>
  openIndex(env.store, { datanet: env.datanet, embedder: e, directory: `${env.directory}/indexes` })

beforeAll(async () => {
  ;[env, lora] = await Promise.all([datanetTestEnv(), createTestHost({ options: { maxBatch: 8 } })])
  embedder = hostEmbedder(lora.host)
  accepted = []
  for (const [i, text] of storySentences.entries()) {
    const row = await contributeText(env.store, env.datanet, i % 3 === 0 ? env.bob : env.alice, text)
    accepted.push(await accept(row))
  }
  const pending = await contributeText(env.store, env.datanet, env.alice, 'A pending row about a red ball.')
  const rejected = await contributeText(env.store, env.datanet, env.alice, 'A rejected row about a red ball.')
  await reviewRow(env.chain.connection, env.store, {
    rowId: rejected.rowId,
    curator: env.curator.address,
    decision: 'rejected',
    reason: 'test',
  })
  unaccepted = [pending, rejected]
})
afterAll(async () => {
  await lora?.close()
  await env?.cleanup()
})

describe('searchDatanet over real embeddings and a real hnswlib index', () => {
  it('embeds with the base model: unit vectors of its hidden size', async () => {
    expect(embedder).toMatchObject({
      id: expect.stringMatching(/^lora-host:stories260K@[0-9a-f]{16}:/),
      dimensions: 64,
    })
    const [vector] = await embedder.embed(['Lily saw a red ball.'])
    expect(vector).toHaveLength(64)
    expect(dot(vector!, vector!)).toBeCloseTo(1, 5)
  })

  it('finds each accepted row first when queried with its own text, with its contributor', async () => {
    const index = await open()
    expect(index.lastSync).toEqual({ action: 'built', reason: 'missing', added: accepted.length })
    expect(index).toMatchObject({ ef: 200, m: 32, efConstruction: 200 })
    for (const row of accepted) {
      const text = row.content.kind === 'text' ? row.content.text : ''
      const hits = await searchDatanet(env.store, index, { query: text, k: 3 })
      expect(hits[0]).toMatchObject({ rowId: row.rowId, contributor: row.contributor, text, rank: 1 })
      expect(hits[0]!.score).toBeGreaterThan(0.9999)
      expect(hits.map((h) => h.rank)).toEqual([1, 2, 3])
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score)
    }
  })

  it('ranks near-duplicates high and never returns pending or rejected rows', async () => {
    const index = await open()
    const cases = [
      ['Lily saw a big blue ball in the park.', storySentences[0]],
      ['Once upon a time there was a cat named Max who loved to run.', storySentences[3]],
      ['The little bird sang songs in the tree.', storySentences[5]],
    ] as const
    for (const [query, original] of cases) {
      const hits = await searchDatanet(env.store, index, { query, k: 3 })
      expect(hits.map((h) => h.text)).toContain(original)
      expect(hits[0]!.score).toBeGreaterThan(0.95)
    }
    const all = await searchDatanet(env.store, index, { query: 'A pending row about a red ball.', k: 100 })
    expect(all).toHaveLength(accepted.length)
    expect(all.map((h) => h.rowId)).not.toContain(unaccepted[0]!.rowId)
    expect(all.map((h) => h.rowId)).not.toContain(unaccepted[1]!.rowId)
  })

  it('agrees with brute-force cosine similarity (recall@10 = 1)', async () => {
    const index = await open()
    const texts = accepted.map((r) => (r.content.kind === 'text' ? r.content.text : ''))
    const vectors = await embedder.embed(texts)
    for (const query of [
      'a dog and a cat',
      'breakfast with mom',
      storySentences[7],
      'the sea and the fish',
    ]) {
      const [q] = await embedder.embed([query])
      const exact = vectors
        .map((v, i) => ({ rowId: accepted[i]!.rowId, score: dot(q!, v) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
      const hits = await searchDatanet(env.store, index, { query, k: 10 })
      expect(hits.map((h) => h.rowId)).toEqual(exact.map((e) => e.rowId))
      for (const [i, hit] of hits.entries()) expect(hit.score).toBeCloseTo(exact[i]!.score, 4)
    }
  })

  it('searches by vector too, refusing a vector of the wrong size', async () => {
    const index = await open()
    const [q] = await embedder.embed([storySentences[10]])
    expect((await searchDatanet(env.store, index, { query: q!, k: 1 }))[0]?.text).toBe(storySentences[10])
    await expect(searchDatanet(env.store, index, { query: new Float32Array(3) })).rejects.toMatchObject({
      name: 'EmbeddingDimensionError',
      expected: 64,
      actual: 3,
    })
  })
})

describe('index persistence', () => {
  it('loads the saved index as is, then adds rows accepted since', async () => {
    const first = await open()
    const reopened = await open()
    expect(reopened.lastSync).toEqual({ action: 'loaded', added: 0 })
    expect(reopened.labels).toEqual(first.labels)
    const query = 'a girl and a ball'
    expect(await searchDatanet(env.store, reopened, { query })).toEqual(
      await searchDatanet(env.store, first, { query }),
    )

    const [pending] = unaccepted
    await accept(pending!)
    expect(await refreshIndex(env.store, reopened)).toEqual({ action: 'extended', added: 1 })
    expect(await refreshIndex(env.store, reopened)).toEqual({ action: 'loaded', added: 0 })
    const [hit] = await searchDatanet(env.store, reopened, { query: 'A pending row about a red ball.', k: 1 })
    expect(hit?.rowId).toBe(pending!.rowId)
    expect((await open()).lastSync).toEqual({ action: 'loaded', added: 0 })
    expect((await open()).labels).toHaveLength(accepted.length + 1)
  })

  it('rebuilds when the embedder changed, the files are gone or broken, or it covers rows not accepted', async () => {
    const index = await open()
    const count = index.labels.length
    const renamed: Embedder = { ...embedder, id: `${embedder.id}:v2`, embed: (t) => embedder.embed(t) }
    expect((await open(renamed)).lastSync).toEqual({ action: 'built', reason: 'embedder', added: count })
    expect((await open()).lastSync).toEqual({ action: 'built', reason: 'embedder', added: count })

    rmSync(index.paths.index)
    expect((await open()).lastSync).toEqual({ action: 'built', reason: 'missing', added: count })
    writeFileSync(index.paths.sidecar, '{"version":1,')
    expect((await open()).lastSync).toEqual({ action: 'built', reason: 'missing', added: count })

    const sidecar = JSON.parse(readFileSync(index.paths.sidecar, 'utf8'))
    sidecar.labels[0] = keccak256(toHex('a row this store never accepted'))
    writeFileSync(index.paths.sidecar, JSON.stringify(sidecar))
    expect((await open()).lastSync).toEqual({ action: 'built', reason: 'rows', added: count })

    const hits = await searchDatanet(env.store, await open(), { query: storySentences[0], k: 1 })
    expect(hits[0]?.text).toBe(storySentences[0])
  })

  it('keeps one index per datanet; an empty datanet finds nothing', async () => {
    const other = await env.newDatanet()
    const index = await openIndex(env.store, {
      datanet: other,
      embedder,
      directory: `${env.directory}/indexes`,
    })
    expect(index.paths.index).toContain(`/${other.datanetId}.hnsw`)
    expect(await searchDatanet(env.store, index, { query: 'anything', k: 5 })).toEqual([])
    await accept(await contributeText(env.store, other, env.bob, storySentences[0]), other)
    await refreshIndex(env.store, index)
    const [hit] = await searchDatanet(env.store, index, { query: storySentences[0], k: 5 })
    expect(hit).toMatchObject({
      datanet: { datanetId: other.datanetId },
      contributor: env.bob.address,
      rank: 1,
    })
  })
})
