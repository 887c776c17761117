import type { ChainConnection } from '@openledger/chain'
import type { Store } from '@openledger/store'
import { getStakingParams } from '../actions/getStakingParams.js'
import type { StakingParams } from '../types.js'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAdminCall,
} from './proposeAdminCall.js'

export type ProposeSetStakingParamsParameters = ProposeAdminParameters & {
  /** The parameters to change (e.g. the minimum stakes); the others keep their current values. */
  params: Partial<StakingParams>
}

/**
 * Proposes, as a treasury Safe transaction, new AgentStaking parameters (`AgentStaking.setParams`): the
 * current ones with `params` applied, so `{ minAgentStake, minCreatorStake }` alone sets the minimums.
 *
 * @example
 * const { safeTxHash } = await proposeSetStakingParams(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   params: { minAgentStake: parseEther('2000'), minCreatorStake: parseEther('200') },
 * })
 */
export async function proposeSetStakingParams(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSetStakingParamsParameters,
): Promise<ProposeAdminReturnType> {
  const current = await getStakingParams(connection, parameters.contracts)
  const params = { ...current, ...parameters.params }
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'setParams', params },
    `Set staking params: min agent stake ${params.minAgentStake} wei, min creator stake ${params.minCreatorStake} wei`,
  )
}
