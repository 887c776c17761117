import type { ChainConnection } from '@openledger/chain'
import type { Store } from '@openledger/store'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAdminCall,
} from './proposeAdminCall.js'

export type ProposeSetDisputeWindowParameters = ProposeAdminParameters & {
  /** Seconds an epoch posted from then on stays pending: 1 second to 365 days. */
  disputeWindow: bigint
}

/**
 * Proposes, as a treasury Safe transaction, a new dispute window for epochs posted from then on
 * (`FeeRouter.setDisputeWindow`). With the default preflight, zero or more than a year is an
 * `InvalidPeriodError` and nothing is proposed.
 *
 * @example
 * const { safeTxHash } = await proposeSetDisputeWindow(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   disputeWindow: 2n * 24n * 3600n,
 * })
 */
export async function proposeSetDisputeWindow(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSetDisputeWindowParameters,
): Promise<ProposeAdminReturnType> {
  const { disputeWindow } = parameters
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'setDisputeWindow', disputeWindow },
    `Set the dispute window to ${disputeWindow} seconds`,
  )
}
