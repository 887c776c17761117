import { type ChainConnection, proposeSafeTransaction, type SafeInfrastructure } from '@openledger/chain'
import type { Store } from '@openledger/store'
import type { Address, Hex } from 'viem'
import type { StakingContracts } from '../types.js'
import { type AdminCall, adminCall } from './adminCall.js'
import { simulateAdminCall } from './simulateAdminCall.js'

/** What every Safe flow takes: the Safe, its infrastructure (`manifest.safe`), and a proposing owner's key. */
export type ProposeAdminParameters = {
  infrastructure: SafeInfrastructure
  /** The treasury Safe (`manifest.treasurySafe.address`): holder of AgentStaking's and FeeRouter's roles. */
  safeAddress: Address
  contracts: Pick<StakingContracts, 'AgentStaking' | 'FeeRouter'>
  /** An owner's key: the proposer signs the proposal too. */
  proposerKey: Hex
  description?: string
  /** Default: after the Safe's nonce and every pending proposal. */
  nonce?: bigint
  /**
   * Simulate the call from the Safe first (default true), so a call that would revert (invalid splits, a
   * resolved challenge) is its typed error now rather than a failed execution later.
   */
  preflight?: boolean
}

export type ProposeAdminReturnType = { safeTxHash: Hex; nonce: bigint }

/** Builds an admin call's calldata, simulates it from the Safe, and proposes it as a Safe transaction. */
export async function proposeAdminCall(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeAdminParameters,
  call: AdminCall,
  description: string,
): Promise<ProposeAdminReturnType> {
  const { infrastructure, safeAddress, contracts, proposerKey, nonce, preflight = true } = parameters
  const built = adminCall(contracts, call)
  if (preflight) await simulateAdminCall(connection, contracts, { from: safeAddress, call })
  return proposeSafeTransaction(connection, store, {
    infrastructure,
    safeAddress,
    proposerKey,
    calls: [{ to: built.to, data: built.data }],
    description: parameters.description ?? description,
    ...(nonce === undefined ? {} : { nonce }),
  })
}
