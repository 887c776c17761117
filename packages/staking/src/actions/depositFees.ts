import type { ChainConnection } from '@openledger/chain'
import type { Address, Hex } from 'viem'
import { sendPaying } from '../internal/sendPaying.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type DepositFeesParameters = WriteParameters & {
  /** OPEN wei to deposit, paid from `account`. */
  amount: bigint
  /** Whose prepaid balance to credit (FeeRouter's `depositFor`); default: `account`'s own (`deposit`). */
  beneficiary?: Address | undefined
}
export type DepositFeesReturnType = WriteReturnType & {
  /** The approval sent first, when the allowance was short. */
  approvalHash: Hex | undefined
}

/**
 * Deposits `amount` OPEN wei into a prepaid FeeRouter balance, the signer's own or `beneficiary`'s, approving
 * FeeRouter for `amount` first when the allowance is short. Zero is a `ZeroAmountError`.
 *
 * @example
 * const { hash } = await depositFees(connection, manifest.contracts, { account, amount: parseEther('100') })
 * await depositFees(connection, manifest.contracts, { account, amount: parseEther('5'), beneficiary: '0x…' })
 */
export async function depositFees(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter' | 'OpenToken'>,
  parameters: DepositFeesParameters,
): Promise<DepositFeesReturnType> {
  const { account, amount, beneficiary } = parameters
  return sendPaying(connection, contracts, {
    account,
    amount,
    call:
      beneficiary === undefined
        ? { contract: 'FeeRouter', functionName: 'deposit', args: [amount] }
        : { contract: 'FeeRouter', functionName: 'depositFor', args: [beneficiary, amount] },
  })
}
