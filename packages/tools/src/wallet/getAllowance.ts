import type { ChainConnection } from '@openledger/chain'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import { type Address, getAddress } from 'viem'

export type GetAllowanceParameters = {
  module: Address
  safe: Address
  delegate: Address
  /** `NATIVE_TOKEN` for the native token. */
  token: Address
}

export type GetAllowanceReturnType = {
  /** Base units per period; 0 when the delegate has no allowance of this token. */
  amount: bigint
  /** Spent in the current period. */
  spent: bigint
  remaining: bigint
  /** Seconds; 0 for a one-time allowance. */
  resetPeriod: number
  /** Block time (seconds) the current period started. */
  lastReset: number
  /** Block time (seconds) the current period ends; `null` for a one-time allowance. */
  resetsAt: number | null
}

/**
 * A delegate's allowance of one token on a Safe as of the latest block (a period that has passed reads as
 * reset), from the spending limit module.
 *
 * @example
 * const { remaining, resetsAt } = await getAllowance(connection, { module, safe, delegate, token: open })
 */
export async function getAllowance(
  connection: ChainConnection,
  parameters: GetAllowanceParameters,
): Promise<GetAllowanceReturnType> {
  const { amount, spent, remaining, resetPeriod, lastReset } = await connection.publicClient.readContract({
    address: getAddress(parameters.module),
    abi: spendingLimitModuleAbi,
    functionName: 'allowanceOf',
    args: [getAddress(parameters.safe), getAddress(parameters.delegate), getAddress(parameters.token)],
  })
  return {
    amount,
    spent,
    remaining,
    resetPeriod: Number(resetPeriod),
    lastReset: Number(lastReset),
    resetsAt: resetPeriod === 0n ? null : Number(lastReset + resetPeriod),
  }
}
