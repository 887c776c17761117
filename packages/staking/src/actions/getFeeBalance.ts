import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Address } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'

export type GetFeeBalanceParameters = { account: Address }
export type GetFeeBalanceReturnType = {
  /** The prepaid balance, OPEN wei, the pending withdrawal included. */
  balance: bigint
  /** The amount of the pending withdrawal request (0n when none). */
  pendingWithdrawal: bigint
  /** Unix seconds when the pending request unlocks; 0n when none was ever made. */
  unlocksAt: bigint
  /** What gateways may still charge: `balance − pendingWithdrawal`, 0n when settlements took more. */
  spendable: bigint
}

/**
 * An account's prepaid FeeRouter balance, its pending withdrawal request, and what is spendable on calls.
 *
 * @example
 * const { spendable } = await getFeeBalance(connection, manifest.contracts, { account: '0x…' })
 * if (spendable < feePerCall) console.log('deposit more OPEN')
 */
export async function getFeeBalance(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: GetFeeBalanceParameters,
): Promise<GetFeeBalanceReturnType> {
  const router = { address: contracts.FeeRouter, abi: routerAbi } as const
  const args = [parameters.account] as const
  const [balance, withdrawal] = await Promise.all([
    withStakingErrors(readContractCall(connection, { ...router, functionName: 'balanceOf', args })),
    withStakingErrors(
      readContractCall(connection, {
        ...router,
        functionName: 'withdrawalOf',
        args,
      }),
    ),
  ])
  const pendingWithdrawal = withdrawal.amount
  // A settlement may debit a balance below its pending request; nothing is spendable then, not a negative.
  const spendable = balance > pendingWithdrawal ? balance - pendingWithdrawal : 0n
  return { balance, pendingWithdrawal, unlocksAt: withdrawal.unlocksAt, spendable }
}
