import type { ChainConnection } from '@openledger/chain'
import type { Store } from '@openledger/store'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAdminCall,
} from './proposeAdminCall.js'

export type ProposeResolveChallengeParameters = ProposeAdminParameters & {
  challengeId: bigint
  /** Upheld: slash the agent's stakers by `slashBps` and jail it. Rejected: the bond goes to the treasury. */
  upheld: boolean
  /** 1–10,000 when upheld; ignored when rejected. */
  slashBps: number
}

/**
 * Proposes, as a treasury Safe transaction, resolving a challenge (`AgentStaking.resolveChallenge`). Other
 * owners sign it with `signSafeTransaction` and anyone executes it with `executeSafeTransaction`.
 *
 * @example
 * const { safeTxHash } = await proposeResolveChallenge(connection, store, {
 *   infrastructure: manifest.safe,
 *   safeAddress: manifest.treasurySafe.address,
 *   contracts: manifest.contracts,
 *   proposerKey,
 *   challengeId: 1n,
 *   upheld: true,
 *   slashBps: 2_000,
 * })
 * await signSafeTransaction(connection, store, { infrastructure: manifest.safe, safeTxHash, signerKey })
 * await executeSafeTransaction(connection, store, { infrastructure: manifest.safe, safeTxHash, executorKey })
 */
export async function proposeResolveChallenge(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeResolveChallengeParameters,
): Promise<ProposeAdminReturnType> {
  const { challengeId, upheld, slashBps } = parameters
  return proposeAdminCall(
    connection,
    store,
    parameters,
    { type: 'resolveChallenge', challengeId, upheld, slashBps },
    upheld ? `Uphold challenge ${challengeId}, slashing ${slashBps} bps` : `Reject challenge ${challengeId}`,
  )
}
