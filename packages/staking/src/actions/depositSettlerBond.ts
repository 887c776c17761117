import type { ChainConnection } from '@openledger/chain'
import type { Hex } from 'viem'
import { sendPaying } from '../internal/sendPaying.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'
import { getSettlerBond } from './getSettlerBond.js'

export type DepositSettlerBondParameters = WriteParameters & {
  /** OPEN wei to add to `account`'s settler bond, paid from `account`. */
  amount: bigint
}
export type DepositSettlerBondReturnType = WriteReturnType & {
  /** The approval sent first, when the allowance was short. */
  approvalHash: Hex | undefined
  /** `account`'s bond after the deposit, OPEN wei. */
  bond: bigint
}

/**
 * Adds `amount` OPEN wei to `account`'s settler bond on FeeRouter, approving FeeRouter for `amount` first when
 * the allowance is short. A settler posts epochs only while its bond is at least `minSettlerBond`
 * (`getSettlementState`); a vetoed epoch may slash it. Zero is a `ZeroAmountError`.
 *
 * @example
 * const { minSettlerBond } = await getSettlementState(connection, manifest.contracts)
 * const { bond } = await depositSettlerBond(connection, manifest.contracts, { account, amount: minSettlerBond })
 */
export async function depositSettlerBond(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter' | 'OpenToken'>,
  parameters: DepositSettlerBondParameters,
): Promise<DepositSettlerBondReturnType> {
  const { account, amount } = parameters
  const { hash, receipt, approvalHash } = await sendPaying(connection, contracts, {
    account,
    amount,
    call: { contract: 'FeeRouter', functionName: 'depositBond', args: [amount] },
  })
  const bond = await getSettlerBond(connection, contracts, { settler: account.address })
  return { hash, receipt, approvalHash, bond }
}
