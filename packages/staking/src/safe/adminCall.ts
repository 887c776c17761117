import type { ContractCall } from '@openledger/chain'
import { type Address, encodeFunctionData, type Hex } from 'viem'
import { routerAbi, stakingAbi } from '../internal/abis.js'
import type { Splits, StakingContracts, StakingParams } from '../types.js'

/** A call only the owner (the treasury Safe) may make. */
export type AdminCall =
  | { type: 'resolveChallenge'; challengeId: bigint; upheld: boolean; slashBps: number }
  | { type: 'setSplits'; splits: Splits }
  | { type: 'setParams'; params: StakingParams }

/** The contract call an admin call makes, and its calldata, for a Safe transaction or a simulation. */
export function adminCall(
  contracts: Pick<StakingContracts, 'AgentStaking' | 'FeeRouter'>,
  call: AdminCall,
): ContractCall & { to: Address; data: Hex } {
  const contractCall: ContractCall =
    call.type === 'resolveChallenge'
      ? {
          address: contracts.AgentStaking,
          abi: stakingAbi,
          functionName: 'resolveChallenge',
          args: [call.challengeId, call.upheld, call.slashBps],
        }
      : call.type === 'setSplits'
        ? { address: contracts.FeeRouter, abi: routerAbi, functionName: 'setSplits', args: [call.splits] }
        : { address: contracts.AgentStaking, abi: stakingAbi, functionName: 'setParams', args: [call.params] }
  return { ...contractCall, to: contractCall.address, data: encodeFunctionData(contractCall as never) }
}
