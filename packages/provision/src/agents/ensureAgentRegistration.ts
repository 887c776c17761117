import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { agentRegistryAbi } from '@openledger/contracts'
import { registerAgent } from '@openledger/staking'
import { type Address, type Hex, isAddressEqual, type LocalAccount } from 'viem'

export type EnsureAgentRegistrationParameters = {
  /** The agent's own account: its creator. */
  account: LocalAccount
  metadataURI: string
  adapterHashes: readonly Hex[]
  feePerCall: bigint
}

/** An agent's metadata URI as provisioning registers it. */
export function agentMetadataUri(agentId: string): string {
  return `openledger:agent/${agentId}`
}

/**
 * The agent in AgentRegistry: the one its account created before (each agent account creates one agent), its
 * fee, adapters and metadata brought up to date (`updateAgent`) when they changed; else registered anew.
 */
export async function ensureAgentRegistration(
  connection: ChainConnection,
  contracts: { AgentRegistry: Address },
  parameters: EnsureAgentRegistrationParameters,
): Promise<{ agentId: bigint; registered: boolean; updated: boolean }> {
  const { account, metadataURI, adapterHashes, feePerCall } = parameters
  const existing = await findAgentOf(connection, contracts.AgentRegistry, account.address)
  if (existing === undefined) {
    const { agentId } = await registerAgent(connection, contracts, {
      account,
      metadataURI,
      adapterHashes,
      feePerCall,
    })
    return { agentId, registered: true, updated: false }
  }
  const { agentId, agent } = existing
  const same =
    agent.feePerCall === feePerCall &&
    agent.metadataURI === metadataURI &&
    agent.adapterHashes.length === adapterHashes.length &&
    agent.adapterHashes.every((hash, i) => hash.toLowerCase() === adapterHashes[i]?.toLowerCase())
  if (same) return { agentId, registered: false, updated: false }
  await sendContractCall(connection, {
    account,
    address: contracts.AgentRegistry,
    abi: agentRegistryAbi,
    functionName: 'updateAgent',
    args: [agentId, metadataURI, [...adapterHashes], feePerCall],
  })
  return { agentId, registered: false, updated: true }
}

async function findAgentOf(connection: ChainConnection, registry: Address, creator: Address) {
  const count = await connection.publicClient.readContract({
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'agentCount',
  })
  for (let agentId = count; agentId >= 1n; agentId--) {
    const agent = await connection.publicClient.readContract({
      address: registry,
      abi: agentRegistryAbi,
      functionName: 'agent',
      args: [agentId],
    })
    if (isAddressEqual(agent.creator, creator)) return { agentId, agent }
  }
  return undefined
}
