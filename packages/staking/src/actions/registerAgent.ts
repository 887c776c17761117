import { type ChainConnection, MissingEventError, sendContractCall } from '@openledger/chain'
import { agentRegistryAbi } from '@openledger/contracts'
import { type Hex, parseEventLogs } from 'viem'
import { registryAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type RegisterAgentParameters = WriteParameters & {
  metadataURI: string
  /** Hashes of the LoRA adapters the agent serves. */
  adapterHashes?: readonly Hex[]
  /** OPEN wei charged per call. */
  feePerCall: bigint
}
export type RegisterAgentReturnType = WriteReturnType & { agentId: bigint }

/**
 * Registers an agent created by `account` in the AgentRegistry and returns its id (from `AgentRegistered`).
 *
 * @example
 * const { agentId } = await registerAgent(connection, manifest.contracts, {
 *   account: creator,
 *   metadataURI: 'ipfs://agent.json',
 *   feePerCall: parseEther('0.01'),
 * })
 */
export async function registerAgent(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentRegistry'>,
  parameters: RegisterAgentParameters,
): Promise<RegisterAgentReturnType> {
  const { account, metadataURI, adapterHashes = [], feePerCall } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.AgentRegistry,
      abi: registryAbi,
      functionName: 'registerAgent',
      args: [metadataURI, adapterHashes, feePerCall],
    }),
  )
  const [registered] = parseEventLogs({
    abi: agentRegistryAbi,
    eventName: 'AgentRegistered',
    logs: receipt.logs,
  }).filter((log) => log.address.toLowerCase() === contracts.AgentRegistry.toLowerCase())
  if (!registered) throw new MissingEventError('registerAgent', hash, 'AgentRegistered')
  return { hash, receipt, agentId: registered.args.agentId }
}
