import type { ChainConnection } from '@openledger/chain'
import type { Store } from '@openledger/store'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAdminCall,
} from './proposeAdminCall.js'

export type ProposeEpochVetoParameters = ProposeAdminParameters & {
  /** The pending epoch to veto. */
  epoch: bigint
  /** The most OPEN wei of its settler's bond to slash to the treasury (0n: none; above the bond: all of it). */
  slash: bigint
}

/**
 * Proposes, as a treasury Safe transaction, vetoing the pending epoch (`FeeRouter.vetoEpoch`): the owners
 * sign it like any proposal and it must execute within the epoch's dispute window. Vetoed, the epoch pays
 * nothing, its charges become refundable (`refundCharges`) and up to `slash` of the settler's bond goes to the
 * treasury. With the default preflight an epoch that is not pending is a `NotPendingError` and a closed window
 * a `DisputeWindowClosedError`, and nothing is proposed.
 *
 * @example
 * const { safeTxHash } = await proposeEpochVeto(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   epoch: 4n,
 *   slash: parseEther('1000'),
 *   description: 'Veto epoch 4: its payouts root differs from the published receipts',
 * })
 */
export async function proposeEpochVeto(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeEpochVetoParameters,
): Promise<ProposeAdminReturnType> {
  const { epoch, slash } = parameters
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'vetoEpoch', epoch, slash },
    `Veto epoch ${epoch}, slashing up to ${slash} wei of its settler's bond`,
  )
}
