import { HumanMessage } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { FakeListChatModel } from '@langchain/core/utils/testing'
import { actionsSchema, createPendingAction, listPendingActions } from '@openledger/agent-runtime'
import { useDeployedDevnet } from '@openledger/chain/testing'
import { openStore, type Store } from '@openledger/store'
import {
  createUserSafe,
  deploySpendingLimitModule,
  enableSpendingLimit,
  seedUniswapPools,
  type ToolEnvironment,
  type UniswapAddresses,
} from '@openledger/tools'
import { type Address, erc20Abi, getAddress, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { walletGraph } from './graph.js'
import { callerWalletTools } from './tools/callerWalletTools.js'
import { walletActionTools } from './tools/walletActionTools.js'

/** Dev account 7 owns the user's Safe and asks; 8 is the agent (the Safe's delegate); 4 is another caller. */
const OWNER = 7
const AGENT = 8
const STRANGER = 4
const RECIPIENT: Address = '0x000000000000000000000000000000000000bEEF'
const OTHER: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'

let module: Address
let uniswap: UniswapAddresses
let safe: Address
let store: Store
beforeAll(async () => {
  store = await openStore({ databaseUrl: ':memory:', schemas: [actionsSchema] })
})
afterAll(async () => {
  await store?.close()
})
const devnet = useDeployedDevnet(async ({ env, account, address, tokenAs, mined }) => {
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
  const setupStore = await openStore({ databaseUrl: ':memory:' })
  try {
    await enableSpendingLimit(connection, setupStore, {
      infrastructure: manifest.safe,
      safe,
      module,
      delegate: address(AGENT),
      ownerKeys: [ownerKey],
      allowances: [{ token: manifest.contracts.OpenToken, amount: parseEther('1000'), resetPeriod: 86_400 }],
    })
  } finally {
    await setupStore.close()
  }
})

const environment = (): ToolEnvironment =>
  ({
    connection: devnet.env.connection,
    manifest: devnet.env.manifest,
    store,
    uniswap,
    spendingLimitModule: module,
    agentAccount: devnet.account(AGENT),
    safeOf: async (account: Address) => (account === devnet.address(OWNER) ? safe : undefined),
    datanets: {},
  }) as unknown as ToolEnvironment

/** The wallet agent's graph with its real tools on the devnet, a scripted answer model and no datanet. */
function walletOf(payer: Address) {
  const search = tool(async () => JSON.stringify({ rows: [] }), {
    name: 'datanet_search',
    description: 'search',
    schema: z.object({}).passthrough(),
  })
  const tools = {
    ...callerWalletTools(environment(), payer),
    ...walletActionTools(environment(), payer),
    datanet_search: search,
  }
  const answer = new FakeListChatModel({ responses: ['That is how a Safe works.'] })
  const graph = walletGraph({ models: { answer }, tools, systemPrompt: '' })
  return async (content: string) => {
    const state = (await graph.invoke({ messages: [new HumanMessage(content)] })) as {
      messages: { content: unknown }[]
    }
    return String(state.messages.at(-1)!.content)
  }
}

const openBalance = (account: Address) =>
  devnet.env.connection.publicClient.readContract({
    address: devnet.env.manifest.contracts.OpenToken,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })
const idIn = (answer: string) => /confirm (act_[0-9a-f]{32})/.exec(answer)?.[1]
const countActions = async (payer: Address) =>
  (await listPendingActions(store, { payer, limit: 100_000 })).length

/** A deterministic generator (a 32-bit LCG): the same messages every run. */
function generator(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  return { next, pick }
}

const VERBS = ['Send', 'send', 'Transfer', 'Pay', 'Give', 'Please send'] as const
/** Messages that must never become an action, whatever the amount and address. */
const NOT_ACTIONS: readonly ((n: number, to: string) => string)[] = [
  (n, to) => `Do not send ${n} OPEN to ${to}`,
  (n, to) => `Don't transfer ${n} OPEN to ${to}.`,
  (n, to) => `Never pay ${n} OPEN to ${to}`,
  (n, to) => `Please don't send ${n} OPEN to ${to}`,
  (n, to) => `Send ${n} OPEN to ${to}? No, not yet`,
  (n, to) => `How do I send ${n} OPEN to ${to}?`,
  (n, to) => `Can you send ${n} OPEN to ${to}?`,
  (n, to) => `Should I transfer ${n} OPEN to ${to}?`,
  (n, to) => `Send ${n} OPEN to ${to}?`,
  (n, to) => `What happens if I send ${n} OPEN to ${to}?`,
  (n, to) => `If I send ${n} OPEN to ${to}, what is left?`,
  (n, to) => `Suppose I transfer ${n} OPEN to ${to}`,
  (n, to) => `Send ${n} OPEN to ${to} if the price drops`,
  (n, to) => `I would send ${n} OPEN to ${to}`,
  (n, to) => `Send ${n} OPEN to ${to} when I say so`,
  (n, to) => `I sent ${n} OPEN to ${to} yesterday`,
  (n, to) => `Alice sends ${n} OPEN to ${to} every week`,
  (n, to) => `Send ${n} OPEN to ${to} and ${OTHER}`,
  (n, to) => `Send ${n} OPEN to ${to}, ${n} OPEN to ${OTHER}`,
  (n, to) => `Give my 3 friends at ${to} ${n} OPEN each`,
  (n, to) => `Send ${n} OPEN and 2 ETH to ${to}`,
  (n, to) => `Send ${n} OPEN and ${n + 1} OPEN to ${to}`,
  (n, to) => `Send ${n} to ${to}`,
  (_n, to) => `Pay invoice 12345 to ${to}`,
  (n, to) => `Transfer ${n} tokens to ${to}`,
  (n, to) => `Send ${n} DOGE to ${to}`,
  (n, to) => `Send -${n} OPEN to ${to}`,
  (n, to) => `Send ${n} OPEN to ${to.slice(0, -1)}${to.endsWith('F') ? 'f' : 'F'}`,
  (n, to) => `Send ${n} OPEN to ${to.slice(0, 20)}`,
  (n) => `Send ${n} OPEN to ${safe}`,
  (n) => `Send ${n} OPEN to ${module}`,
  (n) => `Send ${n} OPEN to ${devnet.env.manifest.contracts.OpenToken}`,
  () => 'confirm it',
  () => `confirm act_${'0'.repeat(32)}`,
  () => "What's my balance?",
]

describe('the AI wallet moves value only on a confirm of an existing pending action', () => {
  test('600 generated messages: balances change only on the first confirm of an existing pending id', async () => {
    const ask = walletOf(devnet.address(OWNER))
    const stranger = walletOf(devnet.address(STRANGER))
    const { next, pick } = generator(20_261_208)
    const created: string[] = []
    const amounts = new Map<string, bigint>()
    const confirmed = new Set<string>()
    const cancelled = new Set<string>()
    let expected = 0n
    const kinds = { real: 0, not: 0, confirm: 0, cancel: 0, stranger: 0 }
    for (let i = 0; i < 600; i++) {
      const roll = next()
      const n = 1 + Math.floor(next() * 3)
      const before = await countActions(devnet.address(OWNER))
      if (roll < 0.2) {
        kinds.real++
        const answer = await ask(
          `${pick(VERBS)} ${n} OPEN to ${pick([RECIPIENT, RECIPIENT.toLowerCase()])}${pick(['', '.', '!'])}`,
        )
        const id = idIn(answer)
        expect(id, answer).toBeDefined()
        created.push(id!)
        expect(await countActions(devnet.address(OWNER))).toBe(before + 1)
        amounts.set(id!, parseEther(String(n)))
      } else if (roll < 0.35 && created.length) {
        kinds.confirm++
        const id = pick(created)
        const answer = await ask(`confirm ${id}`)
        if (!confirmed.has(id) && !cancelled.has(id)) {
          expect(answer, answer).toMatch(/^Sent \d+ OPEN from your Safe/)
          confirmed.add(id)
          expected += amounts.get(id)!
        } else expect(answer).toMatch(/^I could not do that: Action act_\w+ is (already done|cancelled)/)
      } else if (roll < 0.4 && created.length) {
        kinds.cancel++
        const id = pick(created)
        const answer = await ask(`cancel ${id}`)
        if (!confirmed.has(id) && !cancelled.has(id)) {
          expect(answer.startsWith(`Cancelled ${id}; nothing was sent.`), answer).toBe(true)
          cancelled.add(id)
        } else expect(answer).toMatch(/^I could not do that: Action act_\w+ is (already done|cancelled)/)
      } else if (roll < 0.45 && created.length) {
        kinds.stranger++
        const id = pick(created)
        expect(await stranger(`confirm ${id}`)).toContain('was not proposed to you')
      } else {
        kinds.not++
        const message = pick(NOT_ACTIONS)(n, pick([RECIPIENT, OTHER]))
        await ask(message)
        expect(await countActions(devnet.address(OWNER)), message).toBe(before)
      }
      expect(await openBalance(RECIPIENT)).toBe(expected)
    }
    expect(kinds.real).toBeGreaterThan(50)
    expect(kinds.not).toBeGreaterThan(250)
    expect(confirmed.size).toBeGreaterThan(10)
    expect(await openBalance(safe)).toBe(parseEther('1000') - expected)
    console.log(`600 messages: ${JSON.stringify(kinds)}; ${confirmed.size} transfers, ${expected} wei moved`)
  }, 300_000)

  test('send → pending (nothing moved) → confirm three times in a row and three at once: one transfer each', async () => {
    const ask = walletOf(devnet.address(OWNER))
    const first = await ask(`Send 5 OPEN to ${RECIPIENT}`)
    expect(first).toMatch(
      /^Nothing has moved yet\. Send 5 OPEN from your Safe 0x[0-9a-fA-F]{40} to 0x000000000000000000000000000000000000bEEF, within my spending limit \(1000 OPEN left\): confirming sends it at once\./,
    )
    expect(await openBalance(RECIPIENT)).toBe(0n)
    const id = idIn(first)!
    const answers = [await ask(`confirm ${id}`), await ask(`confirm ${id}`), await ask(`confirm ${id}`)]
    expect(answers[0]).toMatch(/^Sent 5 OPEN from your Safe .* \(transaction 0x[0-9a-f]{64}\)\./)
    expect(answers[1]).toMatch(
      new RegExp(`^I could not do that: Action ${id} is already done \\(transaction 0x[0-9a-f]{64}\\)`),
    )
    expect(answers[2]).toBe(answers[1])
    expect(await openBalance(RECIPIENT)).toBe(parseEther('5'))
    const second = idIn(await ask(`Send 2 OPEN to ${RECIPIENT}`))!
    const together = await Promise.all([1, 2, 3].map(() => ask(`confirm ${second}`)))
    expect(together.filter((a) => a.startsWith('Sent 2 OPEN'))).toHaveLength(1)
    expect(await openBalance(RECIPIENT)).toBe(parseEther('7'))
    const [action] = await listPendingActions(store, {
      payer: devnet.address(OWNER),
      status: 'done',
      limit: 1,
    })
    expect(action).toMatchObject({
      id: second,
      status: 'done',
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
  }, 60_000)

  test('an expired action, a cancelled one and another caller’s confirm move nothing and say why', async () => {
    const ask = walletOf(devnet.address(OWNER))
    const old = await createPendingAction(store, {
      agentId: 'ai-wallet',
      payer: devnet.address(OWNER),
      kind: 'transfer',
      summary: 'old',
      params: {
        safe,
        token: devnet.env.manifest.contracts.OpenToken,
        symbol: 'OPEN',
        decimals: '18',
        to: RECIPIENT,
        amount: '1',
      },
      ttlMs: 1,
      now: new Date(Date.now() - 60_000),
    })
    expect(await ask(`confirm ${old.id}`)).toBe(
      `I could not do that: Action ${old.id} expired at ${old.expiresAt}. Nothing was done: ask again to get a new action to confirm.`,
    )
    const id = idIn(await ask(`Send 1 OPEN to ${getAddress(RECIPIENT)}`))!
    expect(await walletOf(devnet.address(STRANGER))(`confirm ${id}`)).toBe(
      `I could not do that: Action ${id} was not proposed to you: only the account it was proposed to can confirm or cancel it. Nothing was done.`,
    )
    expect(await ask(`cancel ${id}`)).toMatch(new RegExp(`^Cancelled ${id}; nothing was sent\\.`))
    expect(await ask(`confirm ${id}`)).toContain(`Action ${id} is cancelled`)
    expect(await openBalance(RECIPIENT)).toBe(0n)
  }, 60_000)
})
