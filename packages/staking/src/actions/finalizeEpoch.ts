import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'
import type { PostEpochCall } from './postEpoch.js'

export type FinalizeEpochParameters = WriteParameters &
  Pick<PostEpochCall, 'epoch' | 'agents' | 'adapterCreators'>

/**
 * Makes the pending epoch final once its dispute window has passed, paying agent creators, stakers, adapter
 * creators and the treasury and funding the epoch's contributor claims. Anyone may send it, with the `agents`
 * and `adapterCreators` the epoch was posted with. Simulated first: an epoch that is not pending is a
 * `NotPendingError`; too early a `DisputeWindowOpenError`; another routing a `RoutingMismatchError`.
 *
 * @example
 * const { call } = planned // the PostEpochCall the epoch was posted with
 * await finalizeEpoch(connection, manifest.contracts, {
 *   account,
 *   epoch: call.epoch,
 *   agents: call.agents,
 *   adapterCreators: call.adapterCreators,
 * })
 */
export async function finalizeEpoch(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: FinalizeEpochParameters,
): Promise<WriteReturnType> {
  const { account, epoch, agents, adapterCreators } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'finalizeEpoch',
      args: [epoch, agents, adapterCreators],
    }),
  )
  return { hash, receipt }
}
