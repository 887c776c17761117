import type { ChainConnection } from '@openledger/chain'
import type { Store } from '@openledger/store'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAdminCall,
} from './proposeAdminCall.js'

export type ProposeSetMinSettlerBondParameters = ProposeAdminParameters & {
  /** OPEN wei a settler must hold as bond to post an epoch. */
  minSettlerBond: bigint
}

/**
 * Proposes, as a treasury Safe transaction, a new minimum settler bond (`FeeRouter.setMinSettlerBond`). A
 * settler whose bond falls below it cannot post until it deposits more (`depositSettlerBond`).
 *
 * @example
 * const { safeTxHash } = await proposeSetMinSettlerBond(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   minSettlerBond: parseEther('20000'),
 * })
 */
export async function proposeSetMinSettlerBond(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSetMinSettlerBondParameters,
): Promise<ProposeAdminReturnType> {
  const { minSettlerBond } = parameters
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'setMinSettlerBond', minSettlerBond },
    `Set the minimum settler bond to ${minSettlerBond} wei`,
  )
}
