import type { ContractCall } from '@openledger/chain'
import { type Address, encodeFunctionData, type Hex } from 'viem'
import { routerAbi, stakingAbi } from '../internal/abis.js'
import { feeRouterRoles } from '../internal/roles.js'
import type { Splits, StakingContracts, StakingParams } from '../types.js'

/** A call only the treasury Safe may make: it holds every admin role of AgentStaking and FeeRouter. */
export type AdminCall =
  | { type: 'resolveChallenge'; challengeId: bigint; upheld: boolean; slashBps: number }
  | { type: 'setParams'; params: StakingParams }
  | { type: 'setSplits'; splits: Splits }
  /** Seconds an epoch posted from now on stays pending (`PARAMETERS_ROLE`). */
  | { type: 'setDisputeWindow'; disputeWindow: bigint }
  /** OPEN wei a settler must hold as bond to post (`PARAMETERS_ROLE`). */
  | { type: 'setMinSettlerBond'; minSettlerBond: bigint }
  /** Veto the pending epoch, slashing up to `slash` OPEN wei of its settler's bond (`VETO_ROLE`). */
  | { type: 'vetoEpoch'; epoch: bigint; slash: bigint }
  /** Grant (`appointSettler`) or revoke (`removeSettler`) `SETTLER_ROLE` (`DEFAULT_ADMIN_ROLE`). */
  | { type: 'appointSettler' | 'removeSettler'; settler: Address }

/** The contract call an admin call makes, and its calldata, for a Safe transaction or a simulation. */
export function adminCall(
  contracts: Pick<StakingContracts, 'AgentStaking' | 'FeeRouter'>,
  call: AdminCall,
): ContractCall & { to: Address; data: Hex } {
  const contractCall = contractCallOf(contracts, call)
  return { ...contractCall, to: contractCall.address, data: encodeFunctionData(contractCall as never) }
}

function contractCallOf(
  contracts: Pick<StakingContracts, 'AgentStaking' | 'FeeRouter'>,
  call: AdminCall,
): ContractCall {
  const staking = { address: contracts.AgentStaking, abi: stakingAbi }
  const router = { address: contracts.FeeRouter, abi: routerAbi }
  switch (call.type) {
    case 'resolveChallenge':
      return {
        ...staking,
        functionName: 'resolveChallenge',
        args: [call.challengeId, call.upheld, call.slashBps],
      }
    case 'setParams':
      return { ...staking, functionName: 'setParams', args: [call.params] }
    case 'setSplits':
      return { ...router, functionName: 'setSplits', args: [call.splits] }
    case 'setDisputeWindow':
      return { ...router, functionName: 'setDisputeWindow', args: [call.disputeWindow] }
    case 'setMinSettlerBond':
      return { ...router, functionName: 'setMinSettlerBond', args: [call.minSettlerBond] }
    case 'vetoEpoch':
      return { ...router, functionName: 'vetoEpoch', args: [call.epoch, call.slash] }
    case 'appointSettler':
      return { ...router, functionName: 'grantRole', args: [feeRouterRoles.SETTLER_ROLE, call.settler] }
    case 'removeSettler':
      return { ...router, functionName: 'revokeRole', args: [feeRouterRoles.SETTLER_ROLE, call.settler] }
  }
}
