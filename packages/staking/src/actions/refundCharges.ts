import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'
import type { PostEpochCall } from './postEpoch.js'

export type RefundChargesParameters = WriteParameters & Pick<PostEpochCall, 'epoch' | 'charges'>

/**
 * Gives a vetoed epoch's charges back to their payers, balances and cap usage alike. Anyone may send it, once,
 * with the charges the epoch was posted with. Simulated first: an epoch not vetoed (or refunded already) is a
 * `NotRefundableError`; other charges a `ChargesMismatchError`.
 *
 * @example
 * await refundCharges(connection, manifest.contracts, { account, epoch: 4n, charges: call.charges })
 */
export async function refundCharges(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: RefundChargesParameters,
): Promise<WriteReturnType> {
  const { account, epoch, charges } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'refundCharges',
      args: [epoch, charges],
    }),
  )
  return { hash, receipt }
}
