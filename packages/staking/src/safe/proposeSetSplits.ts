import type { ChainConnection } from '@openledger/chain'
import type { Store } from '@openledger/store'
import type { Splits } from '../types.js'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAdminCall,
} from './proposeAdminCall.js'

export type ProposeSetSplitsParameters = ProposeAdminParameters & { splits: Splits }

/**
 * Proposes, as a treasury Safe transaction, new FeeRouter fee splits (`FeeRouter.setSplits`). With the
 * default preflight, splits that do not sum to 10,000 are an `InvalidSplitsError` and nothing is proposed.
 *
 * @example
 * const { safeTxHash } = await proposeSetSplits(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   splits: { contributors: 4_000, agentCreator: 2_000, adapterCreators: 1_000, stakers: 2_500, treasury: 500 },
 * })
 */
export async function proposeSetSplits(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSetSplitsParameters,
): Promise<ProposeAdminReturnType> {
  const { splits } = parameters
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'setSplits', splits },
    `Set fee splits to ${JSON.stringify(splits)}`,
  )
}
