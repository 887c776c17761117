import type { ChainConnection } from '@openledger/chain'
import type { Store } from '@openledger/store'
import type { Address } from 'viem'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAdminCall,
} from './proposeAdminCall.js'

export type ProposeSettlerParameters = ProposeAdminParameters & {
  /** The account to appoint or remove as a settler. */
  settler: Address
}

/**
 * Proposes, as a treasury Safe transaction, appointing `settler` (FeeRouter's `grantRole(SETTLER_ROLE, …)`).
 * It posts epochs once it also holds the minimum bond (`depositSettlerBond`).
 *
 * @example
 * const { safeTxHash } = await proposeAppointSettler(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   settler: '0x…',
 * })
 */
export async function proposeAppointSettler(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSettlerParameters,
): Promise<ProposeAdminReturnType> {
  const { settler } = parameters
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'appointSettler', settler },
    `Appoint ${settler} as a settler`,
  )
}

/**
 * Proposes, as a treasury Safe transaction, removing `settler` (FeeRouter's `revokeRole(SETTLER_ROLE, …)`):
 * it can post no more epochs; its bond stays withdrawable.
 *
 * @example
 * const { safeTxHash } = await proposeRemoveSettler(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   settler: '0x…',
 * })
 */
export async function proposeRemoveSettler(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSettlerParameters,
): Promise<ProposeAdminReturnType> {
  const { settler } = parameters
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'removeSettler', settler },
    `Remove ${settler} as a settler`,
  )
}
