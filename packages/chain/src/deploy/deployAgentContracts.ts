import {
  agentRegistryAbi,
  agentRegistryBytecode,
  agentStakingAbi,
  agentStakingBytecode,
  feeRouterAbi,
  feeRouterBytecode,
} from '@openledger/contracts'
import { type Account, type Address, type Hex, keccak256, toHex, zeroHash } from 'viem'
import { sendContractCall } from '../calls/sendContractCall.js'
import type { ChainConnection } from '../connectChain.js'
import { deployContract } from './deployContract.js'
import type { ProtocolParameters } from './protocolParameters.js'

export type AgentContracts = { AgentRegistry: Address; AgentStaking: Address; FeeRouter: Address }

/** AgentStaking's roles: the admin role last, since renouncing it first would leave the others ungrantable. */
const STAKING_ROLES: readonly Hex[] = [
  keccak256(toHex('PARAMETERS_ROLE')),
  keccak256(toHex('CHALLENGE_RESOLVER_ROLE')),
  zeroHash,
]

/**
 * Deploys AgentRegistry, AgentStaking and FeeRouter, every admin role held by the treasury Safe. AgentStaking's
 * roles are the deployer's only while it wires it (its fee router); it then grants the Safe every role and
 * renounces its own, so no EOA keeps an admin power.
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
  for (const role of STAKING_ROLES)
    await sendContractCall(connection, { ...wire, functionName: 'grantRole', args: [role, treasury] })
  for (const role of STAKING_ROLES)
    await sendContractCall(connection, {
      ...wire,
      functionName: 'renounceRole',
      args: [role, deployer.address],
    })
  return { AgentRegistry: registry, AgentStaking: staking, FeeRouter: router }
}
