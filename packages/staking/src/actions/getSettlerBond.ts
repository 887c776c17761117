import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Address } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'

export type GetSettlerBondParameters = { settler: Address }

/**
 * A settler's bond on FeeRouter, OPEN wei (0n for an account that never deposited one).
 *
 * @example
 * const bond = await getSettlerBond(connection, manifest.contracts, { settler: '0x…' })
 */
export async function getSettlerBond(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: GetSettlerBondParameters,
): Promise<bigint> {
  return withStakingErrors(
    readContractCall(connection, {
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'bondOf',
      args: [parameters.settler],
    }),
  )
}
