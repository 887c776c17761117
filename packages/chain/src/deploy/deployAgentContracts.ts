import {
  agentRegistryAbi,
  agentRegistryBytecode,
  agentStakingAbi,
  agentStakingBytecode,
  feeRouterAbi,
  feeRouterBytecode,
} from '@openledger/contracts'
import type { Account, Address } from 'viem'
import { sendContractCall } from '../calls/sendContractCall.js'
import type { ChainConnection } from '../connectChain.js'
import { deployContract } from './deployContract.js'
import type { ProtocolParameters } from './protocolParameters.js'

export type AgentContracts = { AgentRegistry: Address; AgentStaking: Address; FeeRouter: Address }

/**
 * Deploys AgentRegistry, AgentStaking and FeeRouter, all owned by the treasury Safe. AgentStaking is owned by
 * the deployer only for the two calls that wire it (its fee router, then the hand-over to the Safe), so no
 * EOA keeps an admin power.
 *
 * @example
 * const agents = await deployAgentContracts(connection, deployer, { token, treasury, settler, parameters })
 */
export async function deployAgentContracts(
  connection: ChainConnection,
  deployer: Account,
  options: { token: Address; treasury: Address; settler: Address; parameters: ProtocolParameters },
): Promise<AgentContracts> {
  const { token, treasury, settler, parameters } = options
  const registry = await deployContract(connection, deployer, {
    abi: agentRegistryAbi,
    bytecode: agentRegistryBytecode,
    args: [treasury],
  })
  const staking = await deployContract(connection, deployer, {
    abi: agentStakingAbi,
    bytecode: agentStakingBytecode,
    args: [token, registry, treasury, deployer.address, parameters.staking],
  })
  const router = await deployContract(connection, deployer, {
    abi: feeRouterAbi,
    bytecode: feeRouterBytecode,
    args: [
      token,
      treasury,
      registry,
      staking,
      settler,
      {
        splits: parameters.splits,
        disputeWindow: parameters.disputeWindow,
        minSettlerBond: parameters.minSettlerBond,
      },
      parameters.withdrawalDelay,
    ],
  })
  const wire = { account: deployer, address: staking, abi: agentStakingAbi } as const
  await sendContractCall(connection, { ...wire, functionName: 'setFeeRouter', args: [router] })
  await sendContractCall(connection, { ...wire, functionName: 'transferOwnership', args: [treasury] })
  return { AgentRegistry: registry, AgentStaking: staking, FeeRouter: router }
}
