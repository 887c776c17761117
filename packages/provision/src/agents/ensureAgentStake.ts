import type { ChainConnection } from '@openledger/chain'
import {
  getAgentStake,
  getPosition,
  getStakingParams,
  type StakingContracts,
  stake,
} from '@openledger/staking'
import type { LocalAccount } from 'viem'
import { AgentNotActiveError } from '../errors.js'
import { topUpToken } from '../funding/topUp.js'

export type EnsureAgentStakeParameters = {
  packageId: string
  agentId: bigint
  /** The agent's account (its creator): stakes AgentStaking's minimum creator stake. */
  creator: LocalAccount
  /** Stakes the rest up to the minimum. */
  staker: LocalAccount
  /** Pays the creator the OPEN of its stake. */
  funder: LocalAccount
  /** The agent's own minimum (`agent.minimumStakeWei`); the chain's `minAgentStake` when higher wins. */
  minimumWei: bigint
}

/**
 * An active agent: its creator's stake up to AgentStaking's `minCreatorStake` (the OPEN sent to it by
 * `funder`), then `staker`'s up to the larger of the agent's minimum and `minAgentStake`. Only what is missing
 * is staked, so a second run stakes nothing. A jailed or paused agent is an `AgentNotActiveError`.
 */
export async function ensureAgentStake(
  connection: ChainConnection,
  contracts: StakingContracts,
  parameters: EnsureAgentStakeParameters,
) {
  const { agentId, creator, staker, funder, packageId } = parameters
  const params = await getStakingParams(connection, contracts)
  const creatorPosition = await getPosition(connection, contracts, { agentId, staker: creator.address })
  if (creatorPosition.active < params.minCreatorStake) {
    const amount = params.minCreatorStake - creatorPosition.active
    await topUpToken(connection, contracts.OpenToken, {
      from: funder,
      role: 'funder',
      to: creator.address,
      target: amount,
    })
    await stake(connection, contracts, { account: creator, agentId, amount })
  }
  const minimumWei =
    parameters.minimumWei > params.minAgentStake ? parameters.minimumWei : params.minAgentStake
  const before = await getAgentStake(connection, contracts, { agentId })
  if (before.active < minimumWei) {
    const amount = minimumWei - before.active
    await topUpToken(connection, contracts.OpenToken, {
      from: funder,
      role: 'funder',
      to: staker.address,
      target: amount,
    })
    await stake(connection, contracts, { account: staker, agentId, amount })
  }
  const after = await getAgentStake(connection, contracts, { agentId })
  if (!after.isActive) {
    const why = after.jailed
      ? 'it is jailed'
      : after.paused
        ? 'it is paused'
        : 'its stake is below the minimums'
    throw new AgentNotActiveError(packageId, agentId, why)
  }
  return { activeWei: after.active, minimumWei, creatorWei: after.creatorStake }
}
