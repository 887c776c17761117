import { join } from 'node:path'
import { defiAssistant } from '@openledger/agent-defi-assistant'
import { type AgentPackage, runAgent } from '@openledger/agent-runtime'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { datanetsSchema } from '@openledger/datanets/schema'
import { createLocalClient, LoraHost, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { isAgentActive } from '@openledger/staking'
import { openStore, type Store } from '@openledger/store'
import { getAllowance, type ToolEnvironment } from '@openledger/tools'
import { parseEther } from 'viem'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { devnetProvisionAccounts } from './devnetProvisionAccounts.js'
import { provisionStack } from './provisionStack.js'
import { provisionSchema } from './wallets/provisionSchema.js'

let chain: DeployedDevnet
let store: Store
let host: LoraHost
let packages: AgentPackage<ToolEnvironment>[]

beforeAll(async () => {
  // The AI wallet is optional here: its package may land after this test.
  const wallet = (await import('@openledger/agent-ai-wallet')) as { aiWallet?: AgentPackage<ToolEnvironment> }
  packages = [defiAssistant, ...(wallet.aiWallet ? [wallet.aiWallet] : [])]
  chain = await deployedDevnet()
  store = await openStore({ directory: chain.directory, schemas: [datanetsSchema, provisionSchema] })
  host = await LoraHost.create({
    model: await loadBaseModel(stories260KDir),
    adaptersDir: join(chain.directory, 'adapters'),
    maxBatch: 4,
    residentAdapters: 2,
  })
}, 120_000)

afterAll(async () => {
  await host?.close()
  await store?.close()
  chain?.cleanup()
})

test('the example agents: provisioned (a few training steps), active, and the DeFi assistant answers', async () => {
  const client = createLocalClient(host)
  const lines: string[] = []
  const { agents, summary } = await provisionStack({
    connection: chain.connection,
    manifest: chain.manifest,
    store,
    home: chain.directory,
    host,
    client,
    packages,
    accounts: devnetProvisionAccounts(chain.devnet.accounts),
    trainingSteps: 5,
    onProgress: (line) => lines.push(`${(performance.now() / 1000).toFixed(1)} ${line}`),
  })
  expect(summary.trained.sort()).toEqual(packages.map((p) => Object.values(p.adapters)[0]!.name).sort())
  for (const agent of summary.agents)
    expect(await isAgentActive(chain.connection, chain.manifest.contracts, { agentId: agent.agentId })).toBe(
      true,
    )
  const wallet = summary.agents.find((agent) => agent.packageId === 'ai-wallet')
  if (wallet) {
    expect(summary.demoCaller?.delegates).toEqual([wallet.account])
    const allowance = await getAllowance(chain.connection, {
      module: summary.spendingLimitModule.address,
      safe: summary.demoCaller!.safe,
      delegate: wallet.account,
      token: chain.manifest.contracts.OpenToken,
    })
    expect(allowance.amount).toBe(parseEther('10'))
  }
  const defi = agents.find((served) => served.agent.id === 'defi-assistant')!
  const { answer } = await runAgent({
    agent: defi.agent,
    client,
    baseModel: host.model.id,
    tools: await defi.tools({ payer: summary.demoCaller!.account }),
    messages: [{ role: 'user', content: 'What is the price of OPEN in USDC?' }],
    maxTokens: 16,
  })
  expect(answer).toMatch(/0\.5/)
  expect(lines.at(-1)).toMatch(/Provisioned \d agents in/)
}, 240_000)
