import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { datanetRegistryAbi } from '@openledger/contracts'
import { datanetsSchema, listRows } from '@openledger/datanets'
import { createLocalClient, LoraHost, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { getAdapterLineage } from '@openledger/model-factory'
import { getAgentStake, getChargeCap, getFeeBalance } from '@openledger/staking'
import { openStore, type Store } from '@openledger/store'
import { getAllowance } from '@openledger/tools'
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { devnetProvisionAccounts } from './devnetProvisionAccounts.js'
import { provisionStack } from './provisionStack.js'
import { provisionSummaryJson } from './summaryJson.js'
import { storyPackage } from './testing/storyPackage.js'
import type { ProvisionStackParameters, ProvisionStackReturnType } from './types.js'
import { provisionSchema } from './wallets/provisionSchema.js'

let chain: DeployedDevnet
let store: Store
let host: LoraHost
let home: string

function parametersFor(env: DeployedDevnet, packages = [storyPackage()]): ProvisionStackParameters {
  return {
    connection: env.connection,
    manifest: env.manifest,
    store,
    home,
    host,
    client: createLocalClient(host),
    packages,
    accounts: devnetProvisionAccounts(env.devnet.accounts),
    trainingSteps: 3,
    demoCaller: { delegates: ['story-teller'] },
  }
}

const datanetCount = (env: DeployedDevnet) =>
  env.connection.publicClient.readContract({
    address: env.manifest.contracts.DatanetRegistry,
    abi: datanetRegistryAbi,
    functionName: 'datanetCount',
  })

beforeAll(async () => {
  chain = await deployedDevnet()
  home = chain.directory
  store = await openStore({ directory: home, schemas: [datanetsSchema, provisionSchema] })
  host = await LoraHost.create({
    model: await loadBaseModel(stories260KDir),
    adaptersDir: join(home, 'adapters'),
    maxBatch: 4,
    residentAdapters: 2,
  })
}, 120_000)

afterAll(async () => {
  await host?.close()
  await store?.close()
  chain?.cleanup()
})

describe('provisionStack', () => {
  test('a package whose rows file is missing: a clear error naming the file, and nothing created', async () => {
    const missing = join(home, 'nowhere', 'rows.jsonl')
    const error = await provisionStack(parametersFor(chain, [storyPackage({ rowsFile: missing })])).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'SeedRowsNotFoundError', file: missing, packageId: 'story-teller' })
    expect((error as Error).message).toContain(missing)
    expect(await datanetCount(chain)).toBe(0n)
    expect(existsSync(join(home, 'deployments', `${chain.connection.chainId}.provision.json`))).toBe(false)
  })

  let first: ProvisionStackReturnType
  test('the first run creates everything', async () => {
    const lines: string[] = []
    const steps: string[] = []
    first = await provisionStack({
      ...parametersFor(chain),
      onProgress: (line) => lines.push(line),
      onTrainingProgress: (adapter, { step, totalSteps }) => steps.push(`${adapter} ${step}/${totalSteps}`),
    })
    const { summary } = first
    const [agent] = summary.agents
    expect(summary.uniswap.deployed).toBe(true)
    expect(summary.spendingLimitModule.deployed).toBe(true)
    expect(summary.createdDatanets).toEqual(['story-teller-stories'])
    expect(summary.trained).toEqual(['story-teller-answer'])
    expect(lines.some((line) => line.includes('trained'))).toBe(true)
    expect(steps.at(-1)).toBe('story-teller-answer 3/3')

    // The datanet: eight rows accepted, committed on-chain, indexed.
    const datanet = {
      chainId: chain.connection.chainId,
      registry: chain.manifest.contracts.DatanetRegistry,
      datanetId: agent!.datanet.id,
    }
    expect(agent!.datanet).toMatchObject({ rows: 8, indexed: 8, created: true })
    expect(await listRows(store, { datanet, status: 'accepted', committed: true })).toHaveLength(8)

    // The adapter: trained folder, in the host's registry, lineage on-chain.
    const [adapter] = agent!.adapters
    expect(adapter).toMatchObject({
      role: 'answer',
      name: 'story-teller-answer',
      trained: true,
      registeredOnChain: true,
    })
    expect(existsSync(join(adapter!.dir, 'adapter_model.safetensors'))).toBe(true)
    expect(existsSync(join(adapter!.dir, 'training.json'))).toBe(true)
    expect(host.registry.get('story-teller-answer')?.sha256).toBe(adapter!.sha256.slice(2))
    const lineage = await getAdapterLineage(chain.connection, chain.manifest.contracts, {
      adapterSha256: adapter!.sha256,
    })
    expect(lineage).toMatchObject({
      rowCount: 8,
      revoked: false,
      trainingRowsRoot: adapter!.trainingRowsRoot,
    })

    // The agent: active, staked to its minimum (1,500 OPEN > the chain's 1,000), its fee on-chain.
    const stake = await getAgentStake(chain.connection, chain.manifest.contracts, { agentId: agent!.agentId })
    expect(stake).toMatchObject({ isActive: true, creator: agent!.account })
    expect(stake.active).toBe(parseEther('1500'))
    expect(stake.creatorStake).toBe(parseEther('100'))
    const served = first.agents[0]!
    expect(served.agentId).toBe(agent!.agentId)
    expect(served.agent.adapters).toEqual({ answer: 'story-teller-answer' })
    expect(served.agent.datanets).toEqual([agent!.datanet.id])

    // The demo caller: prepaid and chargeable up to its deposit a day, its Safe allows the agent 10 OPEN a day,
    // and the agent's tool finds the Safe.
    const caller = summary.demoCaller!
    expect(caller.account).toBe(chain.devnet.accounts[7]!.address)
    const fees = await getFeeBalance(chain.connection, chain.manifest.contracts, { account: caller.account })
    expect(fees.balance).toBe(parseEther('100'))
    expect(caller.chargeCapWei).toBe(parseEther('100'))
    expect(
      await getChargeCap(chain.connection, chain.manifest.contracts, { payer: caller.account }),
    ).toMatchObject({
      perPeriod: parseEther('100'),
      period: 86_400n,
      chargeable: parseEther('100'),
    })
    const allowance = await getAllowance(chain.connection, {
      module: summary.spendingLimitModule.address,
      safe: caller.safe,
      delegate: agent!.account,
      token: chain.manifest.contracts.OpenToken,
    })
    expect(allowance).toMatchObject({ amount: parseEther('10'), resetPeriod: 86_400 })
    const tools = await served.tools({ payer: caller.account })
    expect(await tools.wallet_balances!.invoke({})).toBe(caller.safe)
    expect(
      await first.environments['story-teller']!.safeOf(chain.devnet.accounts[8]!.address),
    ).toBeUndefined()
    expect(JSON.stringify(provisionSummaryJson(summary))).toContain(`"agentId":"${agent!.agentId}"`)
  }, 180_000)

  test('a second run on the same chain and home reuses everything', async () => {
    const adapterFile = join(first.summary.agents[0]!.adapters[0]!.dir, 'adapter_model.safetensors')
    const modified = statSync(adapterFile).mtimeMs
    const blockBefore = await chain.connection.publicClient.getBlockNumber()
    const second = await provisionStack(parametersFor(chain))
    const { summary } = second
    expect(summary.trained).toEqual([])
    expect(summary.createdDatanets).toEqual([])
    expect(summary.uniswap).toEqual({ ...first.summary.uniswap, deployed: false })
    expect(summary.spendingLimitModule).toEqual({ ...first.summary.spendingLimitModule, deployed: false })
    const [agent] = summary.agents
    expect(agent).toMatchObject({
      agentId: first.summary.agents[0]!.agentId,
      account: first.summary.agents[0]!.account,
      registered: false,
      datanet: { ...first.summary.agents[0]!.datanet, created: false },
      stake: first.summary.agents[0]!.stake,
    })
    expect(agent!.adapters[0]).toMatchObject({ trained: false, registeredOnChain: false })
    expect(statSync(adapterFile).mtimeMs).toBe(modified)
    expect(summary.demoCaller).toEqual(first.summary.demoCaller)
    // Nothing to do means no transaction sent.
    expect(await chain.connection.publicClient.getBlockNumber()).toBe(blockBefore)
    expect(await datanetCount(chain)).toBe(1n)
  }, 120_000)

  test('after a devnet restart (same home and store): redeploys what the chain lost, keeps the trained adapter, and resumes a run stopped halfway', async () => {
    const restarted = await deployedDevnet()
    try {
      // The same deployer and nonces: the registry is where the store's datanet of the old chain says.
      expect(restarted.manifest.contracts.DatanetRegistry).toBe(chain.manifest.contracts.DatanetRegistry)
      const accounts = devnetProvisionAccounts(restarted.devnet.accounts)
      const broke = { ...accounts, funder: restarted.devnet.accounts[8]!.privateKey } // holds no OPEN
      const brokenLines: string[] = []
      const error = await provisionStack({
        ...parametersFor(restarted),
        accounts: broke,
        onProgress: (line) => brokenLines.push(line),
      }).catch((e: unknown) => e)
      expect(error).toMatchObject({
        name: 'ProvisionFundsError',
        account: restarted.devnet.accounts[8]!.address,
      })

      const lines: string[] = []
      const { summary } = await provisionStack({
        ...parametersFor(restarted),
        onProgress: (l) => lines.push(l),
      })
      // The stopped run deployed, created, trained nothing new and registered; this one finishes.
      expect(summary.trained).toEqual([])
      expect(summary.createdDatanets).toEqual([])
      expect(summary.uniswap.deployed).toBe(false)
      const [agent] = summary.agents
      expect(agent).toMatchObject({ registered: false, account: first.summary.agents[0]!.account })
      expect(agent!.datanet).toMatchObject({ id: 1n, rows: 8, indexed: 8 })
      expect(brokenLines.some((line) => line.includes('of a reset chain'))).toBe(true)
      const onChain = await restarted.connection.publicClient.readContract({
        address: restarted.manifest.contracts.DatanetRegistry,
        abi: datanetRegistryAbi,
        functionName: 'datanet',
        args: [1n],
      })
      expect(onChain.batchCount).toBe(1)
      expect(agent!.adapters[0]).toMatchObject({
        sha256: first.summary.agents[0]!.adapters[0]!.sha256,
        trained: false,
      })
      const lineage = await getAdapterLineage(restarted.connection, restarted.manifest.contracts, {
        adapterSha256: agent!.adapters[0]!.sha256,
      })
      expect(lineage?.rowCount).toBe(8)
      const stake = await getAgentStake(restarted.connection, restarted.manifest.contracts, {
        agentId: agent!.agentId,
      })
      expect(stake.isActive).toBe(true)
      const caller = summary.demoCaller!
      const allowance = await getAllowance(restarted.connection, {
        module: summary.spendingLimitModule.address,
        safe: caller.safe,
        delegate: agent!.account,
        token: restarted.manifest.contracts.OpenToken,
      })
      expect(allowance.amount).toBe(parseEther('10'))
    } finally {
      restarted.cleanup()
    }
  }, 180_000)
})
