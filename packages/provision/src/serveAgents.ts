import type { AgentPackage, ServedAgent } from '@openledger/agent-runtime'
import type { ChainConnection, Manifest } from '@openledger/chain'
import type { StoreSession } from '@openledger/store'
import type { ModelClient, ToolEnvironment, UniswapAddresses } from '@openledger/tools'
import type { Address } from 'viem'
import type { ProvisionAgentReturnType } from './provisionAgent.js'
import { agentWalletLookup } from './wallets/agentWallets.js'

export type ServeAgentsParameters = {
  connection: ChainConnection
  manifest: Manifest
  store: StoreSession
  uniswap: UniswapAddresses
  spendingLimitModule: Address
  client: ModelClient
  baseModel: string
  /** The packages and what provisioning made of each, in the same order. */
  provisioned: readonly { agentPackage: AgentPackage<ToolEnvironment>; result: ProvisionAgentReturnType }[]
}

/** Each provisioned agent's tool environment (its own account, its datanet's index) and its `ServedAgent`. */
export function serveAgents(parameters: ServeAgentsParameters): {
  agents: ServedAgent[]
  environments: Record<string, ToolEnvironment>
} {
  const { connection, manifest, store } = parameters
  const safeOf = agentWalletLookup(connection, store)
  const environments: Record<string, ToolEnvironment> = {}
  const agents = parameters.provisioned.map(({ agentPackage, result }): ServedAgent => {
    const environment: ToolEnvironment = {
      connection,
      manifest,
      store,
      uniswap: parameters.uniswap,
      spendingLimitModule: parameters.spendingLimitModule,
      agentAccount: result.account,
      safeOf,
      datanets: { [result.provisioned.datanet.id.toString()]: result.index },
      client: parameters.client,
      baseModel: parameters.baseModel,
    }
    environments[agentPackage.id] = environment
    return {
      agent: result.agent,
      agentId: result.provisioned.agentId,
      tools: async (caller) => agentPackage.tools(environment, caller),
    }
  })
  return { agents, environments }
}
