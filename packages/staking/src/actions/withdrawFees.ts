import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type WithdrawFeesParameters = WriteParameters & { amount: bigint }
export type WithdrawFeesReturnType = WriteReturnType

/**
 * Withdraws `amount` OPEN wei of `account`'s prepaid FeeRouter balance to `account`: at most the pending
 * request (`requestFeeWithdrawal`), once it has unlocked, and at most what settlements left. Too early or above
 * the request is a `WithdrawalLockedError`; above the balance an `InsufficientBalanceError`; zero a
 * `ZeroAmountError`.
 *
 * @example
 * await withdrawFees(connection, manifest.contracts, { account, amount: parseEther('40') })
 */
export async function withdrawFees(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: WithdrawFeesParameters,
): Promise<WithdrawFeesReturnType> {
  const { account, amount } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'withdraw',
      args: [amount],
    }),
  )
  return { hash, receipt }
}
