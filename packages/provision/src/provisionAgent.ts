import { join } from 'node:path'
import type { Agent, AgentPackage } from '@openledger/agent-runtime'
import type { ChainConnection, Manifest } from '@openledger/chain'
import type { DatanetIndex, Embedder } from '@openledger/datanets'
import type { Store } from '@openledger/store'
import type { ToolEnvironment } from '@openledger/tools'
import { type LocalAccount, parseEther } from 'viem'
import { ensureAdapter } from './adapters/ensureAdapter.js'
import { agentMetadataUri, ensureAgentRegistration } from './agents/ensureAgentRegistration.js'
import { ensureAgentStake } from './agents/ensureAgentStake.js'
import { ensureSeedDatanet } from './datanets/ensureSeedDatanet.js'
import { ProvisionInputError } from './errors.js'
import { topUpEther } from './funding/topUp.js'
import { runStep } from './runStep.js'
import type { ProvisionedAdapter, ProvisionedAgent, ProvisionStackParameters } from './types.js'

export type ProvisionAgentParameters = Pick<
  ProvisionStackParameters,
  'host' | 'home' | 'training' | 'trainingSteps' | 'onTrainingProgress'
> & {
  agentPackage: AgentPackage<ToolEnvironment>
  /** The agent's own account (`resolveAgentAccounts`). */
  account: LocalAccount
  signers: { deployer: LocalAccount; funder: LocalAccount; staker: LocalAccount; curator: LocalAccount }
  embedder: Embedder
  progress: (line: string) => void
}

export type ProvisionAgentReturnType = {
  agent: Agent
  account: LocalAccount
  index: DatanetIndex
  provisioned: ProvisionedAgent
}

/**
 * One agent package on the stack: its seed datanet (created or reused, rows accepted, committed, indexed),
 * an adapter per role (trained or reused, registered with the host and on-chain), its own account (funded
 * with ether), registered in AgentRegistry with its fee and adapters, and staked to its minimum.
 */
export async function provisionAgent(
  connection: ChainConnection,
  store: Store,
  manifest: Manifest,
  parameters: ProvisionAgentParameters,
): Promise<ProvisionAgentReturnType> {
  const { agentPackage, signers, host, progress } = parameters
  const { id } = agentPackage
  const seeded = await runStep(`${id}: datanet ${agentPackage.datanet.name}`, () =>
    ensureSeedDatanet(connection, store, {
      registry: manifest.contracts.DatanetRegistry,
      curator: signers.curator,
      seed: agentPackage.datanet,
      embedder: parameters.embedder,
      indexDirectory: join(parameters.home, 'indexes'),
      onProgress: progress,
    }),
  )
  const datanetId = seeded.datanet.datanetId
  progress(
    `${id}: datanet ${datanetId} (${agentPackage.datanet.name}) ${seeded.created ? 'created' : 'reused'}: ${seeded.accepted} rows accepted, ${seeded.index.labels.length} indexed`,
  )
  const adapters: ProvisionedAdapter[] = []
  for (const [role, seed] of Object.entries(agentPackage.adapters)) {
    const adapter = await runStep(`${id}: adapter ${seed.name} (${role})`, () =>
      ensureAdapter(connection, store, {
        host,
        contracts: manifest.contracts,
        creator: signers.curator,
        datanet: seeded.datanet,
        role,
        name: seed.name,
        steps: stepsFor(seed.steps, parameters.trainingSteps),
        training: parameters.training ?? {},
        adapterTraining: seed.training,
        trainedDirectory: join(parameters.home, 'trained'),
        onProgress: progress,
        onTrainingProgress:
          parameters.onTrainingProgress && ((p) => parameters.onTrainingProgress?.(seed.name, p)),
      }),
    )
    adapters.push(adapter)
    progress(
      `${id}: adapter ${adapter.name} ${adapter.trained ? 'trained' : 'reused'} (${adapter.sha256.slice(0, 18)}…${adapter.registeredOnChain ? ', lineage registered' : ''})`,
    )
  }
  const agent = agentPackage.create({
    datanetId,
    adapters: Object.fromEntries(adapters.map((adapter) => [adapter.role, adapter.name])),
  })
  if (agent.id !== id)
    throw new ProvisionInputError(`packages[${id}].create()`, `returned agent ${agent.id}, not ${id}`)
  const { account } = parameters
  const registration = await runStep(`${id}: agent registration`, async () => {
    await topUpEther(connection, {
      from: signers.deployer,
      role: 'deployer',
      to: account.address,
      target: parseEther('10'),
      below: parseEther('1'),
    })
    return ensureAgentRegistration(connection, manifest.contracts, {
      account,
      metadataURI: agentMetadataUri(id),
      adapterHashes: adapters.map((adapter) => adapter.sha256),
      feePerCall: agent.feeWei,
    })
  })
  const stake = await runStep(`${id}: stake`, () =>
    ensureAgentStake(connection, manifest.contracts, {
      packageId: id,
      agentId: registration.agentId,
      creator: account,
      staker: signers.staker,
      funder: signers.funder,
      minimumWei: agent.minimumStakeWei,
    }),
  )
  const how = registration.registered ? 'registered' : registration.updated ? 'updated' : 'reused'
  progress(
    `${id}: agent ${registration.agentId} ${how}, account ${account.address}, stake ${stake.activeWei} wei`,
  )
  return {
    agent,
    account,
    index: seeded.index,
    provisioned: {
      packageId: id,
      agentId: registration.agentId,
      account: account.address,
      datanet: {
        id: datanetId,
        name: agentPackage.datanet.name,
        rows: seeded.accepted,
        created: seeded.created,
        indexed: seeded.index.labels.length,
      },
      adapters,
      feeWei: agent.feeWei,
      stake,
      registered: registration.registered,
    },
  }
}

function stepsFor(steps: number, override: ProvisionStackParameters['trainingSteps']): number {
  if (override === undefined) return steps
  const scaled = typeof override === 'number' ? override : override(steps)
  return Math.max(1, Math.round(scaled))
}
