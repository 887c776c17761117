import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Agent, runAgent, wholeSentences } from '@openledger/agent-runtime'
import { attributeAnswer, buildSpanIndex } from '@openledger/attribution'
import { useDeployedDevnet } from '@openledger/chain/testing'
import { type DatanetIndex, type DatanetRow, embeddingText, hostEmbedder } from '@openledger/datanets'
import { datanetsSchema } from '@openledger/datanets/schema'
import { createLocalClient } from '@openledger/lora-host'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { seedAgentDatanet, trainAdapter } from '@openledger/model-factory/testing'
import { openStore, type Store } from '@openledger/store'
import { seedUniswapPools, type ToolEnvironment, type UniswapAddresses } from '@openledger/tools'
import { type Address, formatUnits, parseAbi, zeroAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { defiAssistant } from './index.js'

/** Training steps for the test's adapter, as provisioning runs them: enough to learn the rows' wording. */
const STEPS = 200
const pairAbi = parseAbi([
  'function getReserves() view returns (uint112, uint112, uint32)',
  'function token0() view returns (address)',
])
const erc20 = parseAbi(['function decimals() view returns (uint8)'])

let uniswap: UniswapAddresses
let store: Store
let lora: TestHost
let rows: DatanetRow[]
let index: DatanetIndex
let directory: string
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'openledger-defi-agent-'))
  ;[store, lora] = await Promise.all([
    openStore({ databaseUrl: ':memory:', schemas: [datanetsSchema] }),
    createTestHost(),
  ])
}, 60_000)
const devnet = useDeployedDevnet(async ({ env, account }) => {
  uniswap = await seedUniswapPools(env.connection, {
    deployer: account(6),
    open: env.manifest.contracts.OpenToken,
  })
})
// What provisioning does: the datanet from the package's rows file, and the answer adapter trained on it.
beforeAll(async () => {
  const { env, account } = devnet
  ;({ rows, index } = await seedAgentDatanet(env.connection, store, {
    manifest: env.manifest,
    curator: account(7),
    contributor: account(8),
    rowsFile: defiAssistant.datanet.rowsFile,
    embedder: hostEmbedder(lora.host),
    directory,
  }))
  await trainAdapter(lora.host, rows, { name: 'defi-answer', steps: STEPS })
}, 120_000)
afterAll(async () => {
  await lora?.close()
  await store?.close()
  rmSync(directory, { recursive: true, force: true })
})

const environment = (): ToolEnvironment => ({
  connection: devnet.env.connection,
  manifest: devnet.env.manifest,
  store,
  uniswap,
  spendingLimitModule: zeroAddress,
  agentAccount: devnet.account(5),
  safeOf: async () => undefined,
  datanets: { [index.datanet.datanetId.toString()]: index },
  client: createLocalClient(lora.host),
  baseModel: 'stories260K',
})
const agentOf = (): Agent =>
  defiAssistant.create({ datanetId: index.datanet.datanetId, adapters: { answer: 'defi-answer' } })
const ask = (content: string) =>
  runAgent({
    agent: agentOf(),
    client: createLocalClient(lora.host),
    baseModel: 'stories260K',
    tools: defiAssistant.tools(environment(), { payer: devnet.address(9) }),
    messages: [{ role: 'user', content }],
    maxTokens: 64,
  })

/** The mid price read straight from the pair with viem, written out independently of the tools. */
async function midPrice(pair: Address, base: Address): Promise<string> {
  const client = devnet.env.connection.publicClient
  const [r0, r1] = await client.readContract({ address: pair, abi: pairAbi, functionName: 'getReserves' })
  const token0 = await client.readContract({ address: pair, abi: pairAbi, functionName: 'token0' })
  const [reserveBase, reserveQuote] = token0 === base ? [r0, r1] : [r1, r0]
  const quote = token0 === base ? await otherToken(pair, 'token1') : token0
  const [baseDecimals, quoteDecimals] = await Promise.all(
    [base, quote].map((address) => client.readContract({ address, abi: erc20, functionName: 'decimals' })),
  )
  const scaled =
    (reserveQuote * 10n ** BigInt(18 + baseDecimals!)) / (reserveBase * 10n ** BigInt(quoteDecimals!))
  return formatUnits(scaled, 18)
}
const otherToken = (pair: Address, name: 'token1') =>
  devnet.env.connection.publicClient.readContract({
    address: pair,
    abi: parseAbi(['function token1() view returns (address)']),
    functionName: name,
  })

describe('the DeFi assistant on stories260K, the devnet Uniswap and its own datanet', () => {
  test('answers a price with the figures of a direct read of the pool, and evidence naming datanet rows', async () => {
    const { answer, evidence } = await ask("What's the price of OPEN in USDC?")
    const price = await midPrice(uniswap.pairs.openUsdc, uniswap.open)
    expect(price).toBe('0.5')
    expect(answer).toContain(`1 OPEN = ${price} USDC.`)
    expect(answer).toContain(`from its reserves of 1000000 OPEN and 500000 USDC`)
    // The answer adapter spoke last, and its text (cut to whole sentences) closes the answer.
    const generation = evidence.generations.at(-1)!
    expect(generation.adapter?.id).toBe('defi-answer')
    expect(answer.endsWith(wholeSentences(generation.text))).toBe(true)
    expect(evidence.toolCalls.map((c) => c.name)).toEqual(['uniswap_price', 'uniswap_pool', 'datanet_search'])
    // Retrieval evidence: rows of the agent's datanet, by id and contributor.
    const ids = new Set(rows.map((r) => r.rowId))
    expect(evidence.retrieval.length).toBe(3)
    for (const hit of evidence.retrieval) {
      expect(hit.datanetId).toBe(index.datanet.datanetId)
      expect(ids.has(hit.rowId)).toBe(true)
      expect(hit.contributor).toBe(devnet.address(8))
    }
    // What the receipt would credit: fusing the run's evidence with verbatim spans against the datanet.
    const { tokenizer } = lora.host.model
    const spans = buildSpanIndex(
      rows.map((r) => ({
        rowId: r.rowId,
        contributor: r.contributor,
        tokens: tokenizer.encode(embeddingText(r.content)),
      })),
    )
    const attribution = await attributeAnswer({
      answerTokens: tokenizer.encode(answer),
      corpora: [{ datanetId: index.datanet.datanetId, index: spans }],
      retrieval: evidence.retrieval,
    })
    expect(attribution.evidence).toBe(true)
    if (attribution.evidence) {
      expect(attribution.contributions.length).toBeGreaterThan(0)
      for (const c of attribution.contributions) expect(ids.has(c.rowId)).toBe(true)
    }
    console.log(`Q: What's the price of OPEN in USDC?\nA: ${answer}`)
  }, 30_000)

  test('quotes a swap with the router’s figures, and describes a pool', async () => {
    const quote = await ask('How much OPEN do I get for 100 USDC?')
    // Uniswap v2 exact-in: 997/1000 of the input against the reserves (500,000 USDC, 1,000,000 OPEN).
    const amountIn = 100_000_000n
    const out = (amountIn * 997n * 10n ** 24n) / (500_000_000_000n * 1000n + amountIn * 997n)
    expect(quote.answer).toContain(`100 USDC buys ${formatUnits(out, 18)} OPEN`)
    expect(quote.evidence.generations.at(-1)?.adapter?.id).toBe('defi-answer')
    console.log(`Q: How much OPEN do I get for 100 USDC?\nA: ${quote.answer}`)

    const pool = await ask('Show the reserves of the WETH pool')
    expect(pool.answer).toContain(
      `holds 1000000 OPEN and 500 WETH: 1 OPEN = 0.0005 WETH and 1 WETH = 2000 OPEN`,
    )
    console.log(`Q: Show the reserves of the WETH pool\nA: ${pool.answer}`)
  }, 30_000)

  test('explains a concept from its datanet, and says clearly what it cannot serve', async () => {
    const explained = await ask('What is slippage?')
    expect(explained.answer.length).toBeGreaterThan(0)
    expect(explained.answer).toContain('\n\nFrom the datanet: "')
    expect(explained.evidence.toolCalls.map((c) => c.name)).toEqual(['datanet_search'])
    expect(explained.evidence.retrieval.length).toBe(3)
    console.log(`Q: What is slippage?\nA: ${explained.answer}`)

    const unknown = await ask('What is the price of DOGE in USDC?')
    expect(unknown.answer).toBe('I cannot price DOGE: the pools here trade only OPEN, WETH, USDC.')
    expect(unknown.evidence.toolCalls).toEqual([])
    const zero = await ask('Quote 0 OPEN to USDC')
    expect(zero.answer).toMatch(/^I could not read that from the pool: .*amountIn.*more than zero/)
    console.log(`Q: Quote 0 OPEN to USDC\nA: ${zero.answer}`)
  }, 30_000)
})
