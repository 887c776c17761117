import { type ChainConnection, simulateContractCall } from '@openledger/chain'
import type { Address } from 'viem'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'
import { type AdminCall, adminCall } from './adminCall.js'

export type SimulateAdminCallParameters = {
  /** The caller to simulate: the treasury Safe's address to check a proposal, or any account. */
  from: Address
  call: AdminCall
}

/**
 * Simulates an admin call (resolve a challenge, set splits, staking parameters, the dispute window or the
 * minimum settler bond, veto an epoch, appoint or remove a settler) from `from` at the latest block, without
 * sending anything. A revert is the SDK's typed error: from an account that lacks the AgentStaking or
 * FeeRouter role the call needs an `UnauthorizedError` naming it; splits that do not sum to 10,000 an
 * `InvalidSplitsError`.
 *
 * @example
 * await simulateAdminCall(connection, manifest.contracts, {
 *   from: manifest.treasurySafe.address,
 *   call: { type: 'setSplits', splits },
 * })
 */
export async function simulateAdminCall(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking' | 'FeeRouter'>,
  parameters: SimulateAdminCallParameters,
): Promise<void> {
  const { address, abi, functionName, args } = adminCall(contracts, parameters.call)
  await withStakingErrors(
    simulateContractCall(connection, { account: parameters.from, address, abi, functionName, args }),
  )
}
