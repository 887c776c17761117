import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RunnableLambda } from '@langchain/core/runnables'
// Test only: agent-runtime sits above tools, so the tool cannot import the event name it must match.
import { EvidenceCollector, RETRIEVAL_EVENT } from '@openledger/agent-runtime'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { type DatanetIndex, type DatanetRow, hostEmbedder } from '@openledger/datanets'
import { datanetsSchema } from '@openledger/datanets/schema'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { openStore, type Store } from '@openledger/store'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DATANET_RETRIEVAL_EVENT, datanetSearchTool } from './datanetSearchTool.js'
import { seedTestDatanet } from './testing.js'

const texts = [
  'A liquidity pool holds two tokens and prices one in the other by the ratio of its reserves.',
  'Slippage is how far the price moves between the quote and the trade.',
  'Lily saw a big red ball in the park and wanted to play with it.',
  'The dog ran to the pond and jumped into the water.',
]

let chain: DeployedDevnet
let store: Store
let lora: TestHost
let directory: string
let index: DatanetIndex
let rows: DatanetRow[]
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'openledger-tools-datanet-'))
  ;[chain, lora, store] = await Promise.all([
    deployedDevnet(),
    createTestHost(),
    openStore({ databaseUrl: ':memory:', schemas: [datanetsSchema] }),
  ])
  ;({ index, rows } = await seedTestDatanet(chain, store, {
    rows: texts,
    embedder: hostEmbedder(lora.host),
    directory,
  }))
}, 90_000)
afterAll(async () => {
  await store?.close()
  await lora?.close()
  chain?.cleanup()
  rmSync(directory, { recursive: true, force: true })
})

describe('datanet_search over a real datanet index', () => {
  test('uses the event name agent-runtime collects retrieval evidence from', () => {
    expect(DATANET_RETRIEVAL_EVENT).toBe(RETRIEVAL_EVENT)
  })

  test('finds a row by its own text first, with its contributor, and reports the rows as evidence', async () => {
    const search = datanetSearchTool({ store, datanets: { [index.datanet.datanetId.toString()]: index } })
    const collector = new EvidenceCollector()
    // Custom events need a run to belong to: call the tool inside one, as a graph node would.
    const node = RunnableLambda.from((query: string) => search.invoke({ query, k: 2 }))
    const output = JSON.parse(await node.invoke(texts[1]!, { callbacks: [collector] }))
    expect(output.rows).toHaveLength(2)
    expect(output.rows[0]).toMatchObject({
      datanetId: index.datanet.datanetId.toString(),
      rowId: rows[1]!.rowId,
      contributor: rows[1]!.contributor,
      text: texts[1],
      content: { kind: 'text', text: texts[1] },
      rank: 1,
      license: 'CC-BY-4.0',
    })
    expect(output.rows[0].similarity).toBeGreaterThan(0.999)
    const retrieval = collector.evidence().retrieval
    expect(retrieval).toHaveLength(2)
    expect(retrieval[0]).toEqual({
      datanetId: index.datanet.datanetId,
      rowId: rows[1]!.rowId,
      contributor: rows[1]!.contributor,
      similarity: expect.any(Number),
      rank: 0,
      inPrompt: true,
    })
    expect(retrieval[0]!.similarity).toBeLessThanOrEqual(1)
    expect(retrieval[1]!.rank).toBe(1)
  })

  test('answers bad input and a missing datanet as errors, without throwing or reporting rows', async () => {
    const search = datanetSearchTool({ store, datanets: [index] })
    const collector = new EvidenceCollector()
    const call = (input: { query: string; k?: number }) =>
      RunnableLambda.from(() => search.invoke(input)).invoke(null, { callbacks: [collector] })
    expect(JSON.parse(await call({ query: '  ' }))).toEqual({
      error: { code: 'INVALID_INPUT', message: 'query must be a non-empty text' },
    })
    expect(JSON.parse(await call({ query: 'ball', k: 0 }))).toEqual({
      error: { code: 'INVALID_INPUT', message: 'k must be a whole number from 1 to 20, got 0' },
    })
    const none = datanetSearchTool({ store, datanets: {} })
    expect(JSON.parse(await none.invoke({ query: 'ball' }))).toEqual({
      error: { code: 'NO_DATANET', message: 'this agent has no datanet to search' },
    })
    expect(collector.evidence().retrieval).toEqual([])
  })
})
