import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Address } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { feeRouterRoles } from '../internal/roles.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'

export type IsSettlerParameters = { account: Address }

/**
 * Whether `account` holds FeeRouter's `SETTLER_ROLE` (the treasury Safe appoints settlers); posting also
 * needs the minimum bond (`getSettlerBond`, `getSettlementState`'s `minSettlerBond`).
 *
 * @example
 * if (!(await isSettler(connection, manifest.contracts, { account: settler.address })))
 *   console.log('ask the treasury Safe to appoint it')
 */
export async function isSettler(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: IsSettlerParameters,
): Promise<boolean> {
  return withStakingErrors(
    readContractCall(connection, {
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'hasRole',
      args: [feeRouterRoles.SETTLER_ROLE, parameters.account],
    }),
  )
}
