import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionsSchema, runAgent } from '@openledger/agent-runtime'
import { useDeployedDevnet } from '@openledger/chain/testing'
import { type DatanetIndex, hostEmbedder } from '@openledger/datanets'
import { datanetsSchema } from '@openledger/datanets/schema'
import { createLocalClient } from '@openledger/lora-host'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { seedAgentDatanet, trainAdapter } from '@openledger/model-factory/testing'
import { listSafeTransactions, openStore, type Store } from '@openledger/store'
import {
  createUserSafe,
  deploySpendingLimitModule,
  enableSpendingLimit,
  seedUniswapPools,
  type ToolEnvironment,
  type UniswapAddresses,
} from '@openledger/tools'
import { type Address, erc20Abi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { aiWallet } from './index.js'

/** Training steps for the test's adapter, as provisioning runs them: enough to learn the rows' wording. */
const STEPS = 200
/** Dev account 7 owns the user's 1-of-1 Safe and pays for the requests; 8 is the agent, the Safe's delegate. */
const OWNER = 7
const AGENT = 8
const RECIPIENT: Address = '0x000000000000000000000000000000000000bEEF'
const ALLOWANCE = parseEther('10')

let uniswap: UniswapAddresses
let module: Address
let safe: Address
let store: Store
let lora: TestHost
let index: DatanetIndex
let directory: string
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'openledger-wallet-agent-'))
  ;[store, lora] = await Promise.all([
    openStore({ databaseUrl: ':memory:', schemas: [datanetsSchema, actionsSchema] }),
    createTestHost(),
  ])
}, 60_000)
const devnet = useDeployedDevnet(async ({ env, account, address, tokenAs, clientOf, mined }) => {
  const { connection, manifest } = env
  uniswap = await seedUniswapPools(connection, { deployer: account(6), open: manifest.contracts.OpenToken })
  module = await deploySpendingLimitModule(connection, account(0))
  const ownerKey = env.devnet.accounts[OWNER]!.privateKey
  safe = await createUserSafe(connection, {
    infrastructure: manifest.safe,
    deployerKey: ownerKey,
    owners: [address(OWNER)],
  })
  await mined(tokenAs(3).write.transfer([safe, parseEther('1000')]))
  await mined(clientOf(OWNER).wallet.sendTransaction({ to: safe, value: parseEther('10') }))
  const setupStore = await openStore({ databaseUrl: ':memory:' })
  try {
    await enableSpendingLimit(connection, setupStore, {
      infrastructure: manifest.safe,
      safe,
      module,
      delegate: address(AGENT),
      ownerKeys: [ownerKey],
      allowances: [{ token: manifest.contracts.OpenToken, amount: ALLOWANCE, resetPeriod: 86_400 }],
    })
  } finally {
    await setupStore.close()
  }
})
// What provisioning does: the datanet from the package's rows file, and the answer adapter trained on it.
beforeAll(async () => {
  const { env, account } = devnet
  const { connection, manifest } = env
  const seeded = await seedAgentDatanet(connection, store, {
    manifest,
    curator: account(5),
    contributor: account(9),
    rowsFile: aiWallet.datanet.rowsFile,
    embedder: hostEmbedder(lora.host),
    directory,
  })
  index = seeded.index
  await trainAdapter(lora.host, seeded.rows, { name: 'wallet-answer', steps: STEPS })
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
  spendingLimitModule: module,
  agentAccount: devnet.account(AGENT),
  safeOf: async (account) => (account === devnet.address(OWNER) ? safe : undefined),
  datanets: { [index.datanet.datanetId.toString()]: index },
  client: createLocalClient(lora.host),
  baseModel: 'stories260K',
})
const ask = (content: string, payer: Address = devnet.address(OWNER)) =>
  runAgent({
    agent: aiWallet.create({ datanetId: index.datanet.datanetId, adapters: { answer: 'wallet-answer' } }),
    client: createLocalClient(lora.host),
    baseModel: 'stories260K',
    tools: aiWallet.tools(environment(), { payer }),
    messages: [{ role: 'user', content }],
    maxTokens: 64,
  })
const openBalance = (account: Address) =>
  devnet.env.connection.publicClient.readContract({
    address: devnet.env.manifest.contracts.OpenToken,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })

describe('the AI wallet on stories260K, a Safe with a spending limit, and its own datanet', () => {
  test('sends 5 OPEN within the allowance only once confirmed: the recipient gets them, and the answer says what is left', async () => {
    const proposed = await ask(`Send 5 OPEN to ${RECIPIENT}`)
    expect(proposed.answer).toMatch(
      /^Nothing has moved yet\. Send 5 OPEN from your Safe .* within my spending limit \(10 OPEN left\)/,
    )
    expect(await openBalance(RECIPIENT)).toBe(0n)
    const id = /confirm (act_[0-9a-f]{32})/.exec(proposed.answer)![1]!
    const { answer, evidence } = await ask(`confirm ${id}`)
    expect(await openBalance(RECIPIENT)).toBe(parseEther('5'))
    expect(await openBalance(safe)).toBe(parseEther('995'))
    expect(answer).toMatch(
      new RegExp(
        `^Sent 5 OPEN from your Safe ${safe} to ${RECIPIENT} \\(transaction 0x[0-9a-f]{64}\\)\\. 5 OPEN of my allowance is left\\.`,
      ),
    )
    expect(evidence.toolCalls.map((c) => c.name)).toEqual(['wallet_confirm', 'datanet_search'])
    expect(JSON.parse(evidence.toolCalls[0]!.output!).executedAction).toMatchObject({ id, kind: 'transfer' })
    expect(evidence.generations.at(-1)?.adapter?.id).toBe('wallet-answer')
    expect(evidence.retrieval.every((r) => r.datanetId === index.datanet.datanetId)).toBe(true)
    console.log(`Q: confirm ${id}\nA: ${answer}`)
  }, 30_000)

  test('above the allowance a confirm moves nothing: the answer gives what is left and the proposal', async () => {
    const proposed = await ask(`Send 50 OPEN to ${RECIPIENT}`)
    expect(proposed.answer).toContain(
      'above my spending limit (10 OPEN left): confirming proposes a Safe transaction',
    )
    const id = /confirm (act_[0-9a-f]{32})/.exec(proposed.answer)![1]!
    const { answer, evidence } = await ask(`confirm ${id}`)
    expect(await openBalance(RECIPIENT)).toBe(0n)
    expect(await openBalance(safe)).toBe(parseEther('1000'))
    const proposal = JSON.parse(evidence.toolCalls[0]!.output!) as { safeTxHash: string }
    expect(answer).toMatch(
      /^Nothing was sent: 50 OPEN is above my spending limit on your Safe\. 10 OPEN is left, until \S+\. /,
    )
    expect(answer).toContain(
      `I proposed Safe transaction ${proposal.safeTxHash} instead: the tokens move only once the Safe's owners sign it.`,
    )
    const pending = await listSafeTransactions(store, { safeAddress: safe })
    expect(pending.map((t) => t.safeTxHash)).toContain(proposal.safeTxHash)
    console.log(`Q: Send 50 OPEN to ${RECIPIENT}, then confirm\nA: ${answer}`)
  }, 30_000)

  test('reports the Safe’s balances, and explains', async () => {
    const { answer } = await ask("What's my balance?")
    expect(answer).toMatch(new RegExp(`^Your Safe ${safe} holds 10 ETH, 1000 OPEN, 0 USDC, 0 WETH\\.`))
    console.log(`Q: What's my balance?\nA: ${answer}`)
    const explained = await ask('What is a spending limit?')
    expect(explained.answer.length).toBeGreaterThan(0)
    expect(explained.answer).toContain('\n\nFrom the datanet: "')
    expect(explained.evidence.toolCalls.map((c) => c.name)).toEqual(['datanet_search'])
    console.log(`Q: What is a spending limit?\nA: ${explained.answer}`)
  }, 30_000)

  test('a caller without a Safe, and a malformed address, get a clear answer and nothing moves', async () => {
    const stranger = devnet.address(4)
    const none = await ask(`Send 5 OPEN to ${RECIPIENT}`, stranger)
    expect(none.answer).toBe(
      `${stranger} has no Safe for this agent to act on. Create a Safe and give this agent a spending limit on it first. Nothing was sent.`,
    )
    expect(none.evidence.generations).toEqual([])
    const malformed = await ask('Send 5 OPEN to 0x12345')
    expect(malformed.answer).toBe(
      '0x12345 is not an address: an address is 0x followed by 40 hex digits. Nothing was proposed and nothing was sent.',
    )
    expect(malformed.evidence.toolCalls).toEqual([])
    expect(await openBalance(RECIPIENT)).toBe(0n)
    console.log(`Q: Send 5 OPEN to 0x12345\nA: ${malformed.answer}`)
  }, 30_000)
})
