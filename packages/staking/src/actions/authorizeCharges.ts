import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type AuthorizeChargesParameters = WriteParameters & {
  /** The most settlement may charge `account` per period, OPEN wei; 0n withdraws the authorisation. */
  perPeriod: bigint
  /** The period, seconds (1 second to 365 days; ignored when `perPeriod` is 0n). */
  period: bigint
}

/**
 * Lets settlement charge `account`'s prepaid balance at most `perPeriod` OPEN wei every `period` seconds.
 * Without an authorisation a deposit cannot be charged at all, so gateways do not serve the payer. Changing
 * the cap keeps what the current period has used. A period of zero or above a year is an `InvalidPeriodError`.
 *
 * @example
 * await authorizeCharges(connection, manifest.contracts, {
 *   account,
 *   perPeriod: parseEther('100'),
 *   period: 24n * 3600n,
 * })
 */
export async function authorizeCharges(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: AuthorizeChargesParameters,
): Promise<WriteReturnType> {
  const { account, perPeriod, period } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'authorizeCharges',
      args: [perPeriod, period],
    }),
  )
  return { hash, receipt }
}
