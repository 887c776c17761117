import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { receiptFromJson, verifyReceipt } from '@openledger/attribution'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { feeRouterAbi, openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import { stories260KDir } from '@openledger/lora-host/testing'
import { ensureSettlerBond } from '@openledger/provision/settler'
import {
  getSpendable,
  type SettlementEvent,
  type SettlementWorker,
  startSettlementWorker,
} from '@openledger/settlement'
import { openStore, type Store } from '@openledger/store'
import OpenAI from 'openai'
import { type Address, formatUnits, getAddress, type Hex, keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loraHostDefaults } from './commands/loraHost/loraHostDefaults.js'
import { startLoraHost } from './commands/loraHost/startLoraHost.js'
import { type StartedAgents, startAgentsInStack } from './commands/up/agents/startAgentsInStack.js'
import { type Context, stackSchemas } from './context.js'
import { parseEnv } from './env.js'
import { passDisputeWindow } from './testing/passDisputeWindow.js'

type Attribution = {
  receiptId: Hex
  kind: string
  fee: string
  payer: Address
  rows: { datanetId: string; rowId: Hex; method: string }[]
  receiptUrl: string
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const uniswapPairAbi = [
  {
    type: 'function',
    name: 'getReserves',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      { name: 'reserve0', type: 'uint112' },
      { name: 'reserve1', type: 'uint112' },
      { name: 'blockTimestampLast', type: 'uint32' },
    ],
  },
  { type: 'function', name: 'token0', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
] as const

let devnet: DeployedDevnet
let store: Store
let worker: SettlementWorker
let started: StartedAgents
let openai: OpenAI
const events: SettlementEvent[] = []
const stops: (() => Promise<void>)[] = []

/**
 * The example agents as `openledger up` serves them (provisioned by `startAgentsInStack`, the gateway in
 * process), called with the official openai client: the acceptance of the agents issue on real parts.
 */
beforeAll(async () => {
  devnet = await deployedDevnet()
  const context: Context = {
    env: parseEnv({ OPENLEDGER_HOME: devnet.directory, OPENLEDGER_MODELS: join(stories260KDir, '..') }),
    io: { out: () => {}, err: () => {} },
  }
  store = await openStore({ directory: devnet.directory, schemas: stackSchemas })
  const lora = await startLoraHost(context, { model: stories260KDir, port: 0, ...loraHostDefaults })
  stops.push(lora.close)
  const prefix = `test-agents-${randomUUID()}`
  const { connection, manifest } = devnet
  // The devnet's settler (dev account 9) holds no OPEN: the ecosystem holder (5) funds its bond, as `up` does.
  await ensureSettlerBond(connection, manifest.contracts, {
    settler: privateKeyToAccount(devnet.devnet.accounts[9]!.privateKey),
    funder: privateKeyToAccount(devnet.devnet.accounts[5]!.privateKey),
  })
  worker = await startSettlementWorker({
    store,
    connection,
    contracts: manifest.contracts,
    account: privateKeyToAccount(devnet.devnet.accounts[9]!.privateKey),
    treasury: manifest.treasurySafe.address,
    redis: REDIS_URL,
    prefix,
    epochSeconds: 3600,
    onEvent: (event) => events.push(event),
  })
  stops.push(() => worker.close())
  started = await startAgentsInStack(context, {
    connection,
    manifest,
    accounts: devnet.devnet.accounts,
    store,
    host: lora.host,
    settlement: { redisUrl: REDIS_URL, prefix },
    gatewayPort: 0,
    trainSteps: 8,
    stops,
  })
  openai = new OpenAI({ baseURL: `${started.gatewayUrl}/v1`, apiKey: started.apiKey, maxRetries: 0 })
}, 300_000)

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => {})
  await store?.close()
  if (devnet) {
    devnet.cleanup()
    rmSync(devnet.directory, { recursive: true, force: true })
  }
})

const ask = async (model: string, content: string) => {
  const completion = await openai.chat.completions.create({ model, messages: [{ role: 'user', content }] })
  return {
    answer: completion.choices[0]?.message.content ?? '',
    attribution: (completion as unknown as { attribution: Attribution }).attribution,
  }
}

async function metered(receiptId: Hex): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!events.some((e) => e.type === 'metered' && e.receiptId.toLowerCase() === receiptId.toLowerCase())) {
    if (Date.now() > deadline) throw new Error(`receipt ${receiptId} was not metered`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const openBalance = (account: Address) =>
  devnet.connection.publicClient.readContract({
    address: devnet.manifest.contracts.OpenToken,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [account],
  }) as Promise<bigint>

describe('the example agents through the gateway', () => {
  test('the DeFi assistant prices OPEN in USDC as the pool does, with a receipt naming datanet rows; the caller pays; the receipt verifies on-chain after an epoch', async () => {
    const { connection, manifest } = devnet
    const ledger = { chainId: connection.chainId, feeRouter: manifest.contracts.FeeRouter }
    const payer = started.summary.demoCaller!.account

    const { answer, attribution } = await ask('defi-assistant', 'What is the price of OPEN in USDC?')

    const pair = started.summary.uniswap.pairs.openUsdc
    const [reserve0, reserve1] = (await connection.publicClient.readContract({
      address: pair,
      abi: uniswapPairAbi,
      functionName: 'getReserves',
    })) as readonly [bigint, bigint, number]
    const token0 = getAddress(
      (await connection.publicClient.readContract({
        address: pair,
        abi: uniswapPairAbi,
        functionName: 'token0',
      })) as Address,
    )
    const [open, usdc] =
      token0 === getAddress(manifest.contracts.OpenToken) ? [reserve0, reserve1] : [reserve1, reserve0]
    // USDC per OPEN = (usdc / 1e6) / (open / 1e18), to 18 decimals.
    const price = formatUnits((usdc * 10n ** 30n) / open, 18)
    expect(answer).toContain(`1 OPEN = ${price} USDC`)

    const datanetId = started.summary.agents.find((a) => a.packageId === 'defi-assistant')!.datanet.id
    expect(attribution.rows.length).toBeGreaterThan(0)
    expect(attribution.rows.every((r) => r.datanetId === datanetId.toString())).toBe(true)
    // Retrieval and the answer adapter's gradient influence on its training rows (the datanet's) both count.
    const methods = new Set(attribution.rows.map((r) => r.method))
    expect(methods.has('retrieval') && methods.has('influence')).toBe(true)
    expect(attribution.payer).toBe(payer)

    await metered(attribution.receiptId)
    // The gateway read the prepaid balance from the chain before answering; the metered fee now counts against it.
    const after = await getSpendable(store, ledger, payer)
    expect(BigInt(attribution.fee)).toBeGreaterThan(0n)
    expect(after.balance).toBe(started.summary.demoCaller!.prepaidWei)
    expect(after.unsettled).toBe(BigInt(attribution.fee))
    expect(after.spendable).toBe(after.balance - BigInt(attribution.fee))

    const posted = await worker.settleNow()
    expect(posted?.posted?.receiptCount).toBeGreaterThanOrEqual(1)
    // Final once the devnet's 10-second dispute window has passed and the worker finalises it.
    await passDisputeWindow(devnet, devnet)
    expect((await worker.settleNow())?.finalized.map((e) => e.epoch)).toEqual([posted!.posted!.epoch])
    const body = (await (
      await fetch(`${started.gatewayUrl}${attribution.receiptUrl}`, {
        headers: { authorization: `Bearer ${started.apiKey}` },
      })
    ).json()) as { status: string; epoch: string; receipt: unknown; proof: Hex[]; receiptsRoot: Hex }
    expect(body.status).toBe('final')
    const root = (await connection.publicClient.readContract({
      address: manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      functionName: 'receiptsRootOf',
      args: [BigInt(body.epoch)],
    })) as Hex
    expect(verifyReceipt(receiptFromJson(body.receipt), body.proof, root)).toBe(true)
  }, 120_000)

  test('the AI wallet moves nothing on words: negations, questions, several recipients and amounts without tokens create no action; a send is pending until confirmed, and three confirms move 5 OPEN once', async () => {
    const safe = started.summary.demoCaller!.safe
    const recipient = devnet.devnet.accounts[8]!.address
    const [safeBefore, recipientBefore] = [await openBalance(safe), await openBalance(recipient)]
    const pending = async () =>
      (
        (await (
          await fetch(`${started.gatewayUrl}/v1/actions?status=pending`, {
            headers: { authorization: `Bearer ${started.apiKey}` },
          })
        ).json()) as { data: { id: string }[] }
      ).data.length
    const pendingBefore = await pending()
    for (const words of [
      `Do not send 5 OPEN to ${recipient}`,
      `How do I send 5 OPEN to ${recipient}?`,
      `Give my 3 friends at ${recipient} 5 OPEN each`,
      `Pay invoice 12345 to ${recipient}`,
    ]) {
      const { answer } = await ask('ai-wallet', words)
      expect(answer, words).not.toMatch(/^Sent|confirm act_/)
    }
    expect(await pending()).toBe(pendingBefore)
    expect(await openBalance(recipient)).toBe(recipientBefore)

    const proposed = await ask('ai-wallet', `Send 5 OPEN to ${recipient}`)
    expect(proposed.answer).toMatch(/^Nothing has moved yet\./)
    expect(await openBalance(recipient)).toBe(recipientBefore)
    const id = /confirm (act_[0-9a-f]{32})/.exec(proposed.answer)![1]!
    const confirms = [
      await ask('ai-wallet', `confirm ${id}`),
      await ask('ai-wallet', `confirm ${id}`),
      await ask('ai-wallet', `confirm ${id}`),
    ]
    expect(confirms[0]!.answer).toMatch(/^Sent 5 OPEN/)
    expect(confirms[0]!.attribution.kind).toBe('action')
    expect(confirms[1]!.answer).toContain('an action runs at most once')
    expect(confirms[2]!.answer).toContain('an action runs at most once')
    expect(await openBalance(recipient)).toBe(recipientBefore + 5n * WEI_PER_OPEN)
    expect(await openBalance(safe)).toBe(safeBefore - 5n * WEI_PER_OPEN)

    const over = await ask('ai-wallet', `Send 50 OPEN to ${recipient}`)
    const overId = /confirm (act_[0-9a-f]{32})/.exec(over.answer)![1]!
    const refused = await ask('ai-wallet', `confirm ${overId}`)
    expect(await openBalance(recipient)).toBe(recipientBefore + 5n * WEI_PER_OPEN)
    expect(refused.answer).toMatch(/limit|allowance/i)
    expect(refused.answer).toMatch(/sign/i)
  }, 120_000)

  test('streams the whole composed answer (figures, then the adapter text): what the receipt hashes', async () => {
    const stream = await openai.chat.completions.create({
      model: 'defi-assistant',
      messages: [{ role: 'user', content: 'Quote 100 USDC to OPEN' }],
      stream: true,
    })
    let content = ''
    let attribution: Attribution | undefined
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? ''
      attribution ??= (chunk as unknown as { attribution?: Attribution }).attribution
    }
    expect(content).toMatch(/^100 USDC buys [\d.]+ OPEN/)
    const body = (await (
      await fetch(`${started.gatewayUrl}${attribution!.receiptUrl}`, {
        headers: { authorization: `Bearer ${started.apiKey}` },
      })
    ).json()) as { receipt: unknown }
    expect(receiptFromJson(body.receipt).responseHash).toBe(keccak256(toHex(content)))
  }, 60_000)
})
