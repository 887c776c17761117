import { type ChainConnection, MissingEventError, sendContractCall } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import { parseEventLogs } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type RequestFeeWithdrawalParameters = WriteParameters & { amount: bigint }
export type RequestFeeWithdrawalReturnType = WriteReturnType & {
  /** Unix seconds from which `withdrawFees` may take up to `amount`. */
  unlocksAt: bigint
}

/**
 * Asks to withdraw `amount` OPEN wei of `account`'s prepaid FeeRouter balance once FeeRouter's
 * `withdrawalDelay` has passed. It replaces any earlier request and restarts the delay; the balance stays
 * chargeable by settlements meanwhile. More than the balance is an `InsufficientBalanceError`; zero a
 * `ZeroAmountError`.
 *
 * @example
 * const { unlocksAt } = await requestFeeWithdrawal(connection, manifest.contracts, {
 *   account,
 *   amount: parseEther('40'),
 * })
 * console.log(new Date(Number(unlocksAt) * 1000))
 */
export async function requestFeeWithdrawal(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: RequestFeeWithdrawalParameters,
): Promise<RequestFeeWithdrawalReturnType> {
  const { account, amount } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'requestWithdrawal',
      args: [amount],
    }),
  )
  const [requested] = parseEventLogs({
    abi: feeRouterAbi,
    eventName: 'WithdrawalRequested',
    logs: receipt.logs,
  })
  if (!requested) throw new MissingEventError('requestWithdrawal', hash, 'WithdrawalRequested')
  return { hash, receipt, unlocksAt: requested.args.unlocksAt }
}
