import { hostEmbedder } from '@openledger/datanets'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { resolveAgentAccounts } from './agents/resolveAgentAccounts.js'
import { ensureSpendingLimitModule } from './contracts/ensureSpendingLimitModule.js'
import { ensureUniswap } from './contracts/ensureUniswap.js'
import { type ProvisionAgentReturnType, provisionAgent } from './provisionAgent.js'
import { runStep } from './runStep.js'
import { serveAgents } from './serveAgents.js'
import { provisionStatePath, readProvisionState, writeProvisionState } from './state/provisionState.js'
import type { ProvisionStackParameters, ProvisionStackReturnType, ProvisionSummary } from './types.js'
import { validateProvisionParameters } from './validateProvisionParameters.js'
import { ensureDemoCaller } from './wallets/ensureDemoCaller.js'

/**
 * Sets agent packages up on a running stack, so a gateway can serve them: Uniswap v2 with seeded pools and the
 * SpendingLimitModule (remembered in `<home>/deployments/<chainId>.provision.json`); per package its seed
 * datanet, its adapters (trained by ModelFactory, registered with the host and in the ModelRegistry), its own
 * account, registered in AgentRegistry with its fee and staked to its minimum; and the demo caller's prepaid
 * balance and Safe with a spending limit for the wallet agents. Idempotent: a second run on the same chain
 * and home reuses everything (`summary.trained` is empty); after a devnet restart it redeploys what the chain
 * lost and reuses the trained adapters. Input is checked before anything changes; a failure names its step.
 * Each agent acts with its own key (`agentKeys`, else derived from `agentKeySeed`); off the devnet's chain id
 * no key comes from the public dev mnemonic: without agent keys it refuses (`DevnetOnlyError`) up front.
 *
 * @example
 * const { agents, summary } = await provisionStack({
 *   connection, manifest, store, home: '.openledger', host, client: createLocalClient(host),
 *   packages: [defiAssistant, aiWallet], accounts: devnetProvisionAccounts(devnet.accounts),
 *   onProgress: (line) => console.log(line),
 * })
 */
export async function provisionStack(
  parameters: ProvisionStackParameters,
): Promise<ProvisionStackReturnType> {
  const started = performance.now()
  validateProvisionParameters(parameters)
  const agentAccounts = resolveAgentAccounts(parameters)
  const { connection, manifest, store, home, host, packages } = parameters
  const progress = (line: string) => parameters.onProgress?.(line)
  const signer = (role: keyof ProvisionStackParameters['accounts']) =>
    privateKeyToAccount(parameters.accounts[role])
  const signers = {
    deployer: signer('deployer'),
    funder: signer('funder'),
    staker: signer('staker'),
    curator: signer('curator'),
  }
  const statePath = provisionStatePath(home, connection.chainId)
  const initial = readProvisionState(statePath, connection.chainId, manifest.contracts.OpenToken)
  const uniswap = await runStep('Uniswap v2', () =>
    ensureUniswap(connection, { liquidity: signer('liquidity'), state: initial }),
  )
  writeProvisionState(statePath, uniswap.state)
  progress(
    `Uniswap v2 ${uniswap.deployed ? 'deployed, pools seeded' : 'reused'}: router ${uniswap.uniswap.router}`,
  )
  const spending = await runStep('spending limit module', () =>
    ensureSpendingLimitModule(connection, { deployer: signers.deployer, state: uniswap.state }),
  )
  writeProvisionState(statePath, spending.state)
  progress(`SpendingLimitModule ${spending.deployed ? 'deployed' : 'reused'}: ${spending.module}`)

  const embedder = hostEmbedder(host)
  const provisioned: ProvisionAgentReturnType[] = []
  for (const agentPackage of packages)
    provisioned.push(
      await provisionAgent(connection, store, manifest, {
        ...parameters,
        agentPackage,
        account: agentAccounts.get(agentPackage.id)!,
        signers,
        embedder,
        progress,
      }),
    )

  const demoCaller =
    parameters.demoCaller === false
      ? undefined
      : await runStep('demo caller', () =>
          ensureDemoCaller(connection, store, manifest, {
            userKey: parameters.accounts.user,
            funder: signers.funder,
            module: spending.module,
            delegates: delegatesOf(parameters, provisioned),
            options: parameters.demoCaller || {},
          }),
        )
  if (demoCaller)
    progress(
      `Demo caller ${demoCaller.account}: Safe ${demoCaller.safe}, prepaid ${demoCaller.prepaidWei} wei, chargeable ${demoCaller.chargeCapWei} wei a day`,
    )

  const { agents, environments } = serveAgents({
    connection,
    manifest,
    store,
    uniswap: uniswap.uniswap,
    spendingLimitModule: spending.module,
    client: parameters.client,
    baseModel: parameters.baseModel ?? host.model.id,
    provisioned: provisioned.map((result, i) => ({ agentPackage: packages[i]!, result })),
  })
  const summary: ProvisionSummary = {
    chainId: connection.chainId,
    uniswap: { ...uniswap.uniswap, deployed: uniswap.deployed },
    spendingLimitModule: { address: spending.module, deployed: spending.deployed },
    agents: provisioned.map((p) => p.provisioned),
    demoCaller,
    trained: provisioned.flatMap((p) => p.provisioned.adapters.filter((a) => a.trained).map((a) => a.name)),
    createdDatanets: provisioned
      .filter((p) => p.provisioned.datanet.created)
      .map((p) => p.provisioned.datanet.name),
    seconds: (performance.now() - started) / 1000,
  }
  progress(`Provisioned ${agents.length} agents in ${summary.seconds.toFixed(1)} s`)
  return { agents, environments, summary }
}

/** The demo caller's delegates: the named packages' accounts, by default those of agents with wallet tools. */
function delegatesOf(
  parameters: ProvisionStackParameters,
  provisioned: ProvisionAgentReturnType[],
): Address[] {
  const named = parameters.demoCaller ? parameters.demoCaller.delegates : undefined
  return provisioned
    .filter(({ agent, provisioned: p }) =>
      named ? named.includes(p.packageId) : agent.tools.some((tool) => tool.startsWith('wallet_')),
    )
    .map(({ account }) => account.address)
}
