import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { InsufficientBalanceError } from '../errors/staking.js'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'
import { getSettlerBond } from './getSettlerBond.js'

export type WithdrawSettlerBondParameters = WriteParameters & {
  /** OPEN wei of `account`'s settler bond to take back. */
  amount: bigint
}
export type WithdrawSettlerBondReturnType = WriteReturnType & {
  /** `account`'s bond after the withdrawal, OPEN wei. */
  bond: bigint
}

/**
 * Takes `amount` OPEN wei of `account`'s settler bond back to `account`. While an epoch `account` posted is
 * pending it is a `BondLockedError`; above the bond an `InsufficientBalanceError`; zero a `ZeroAmountError`.
 *
 * @example
 * const { bond } = await withdrawSettlerBond(connection, manifest.contracts, {
 *   account,
 *   amount: parseEther('500'),
 * })
 */
export async function withdrawSettlerBond(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: WithdrawSettlerBondParameters,
): Promise<WithdrawSettlerBondReturnType> {
  const { account, amount } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'withdrawBond',
      args: [amount],
    }),
  ).catch((error: unknown) => {
    // FeeRouter reports a bond too small with the balances' error: say it is the bond.
    if (!(error instanceof InsufficientBalanceError)) throw error
    throw new InsufficientBalanceError({ ...error, of: 'settler bond', cause: error.cause })
  })
  const bond = await getSettlerBond(connection, contracts, { settler: account.address })
  return { hash, receipt, bond }
}
