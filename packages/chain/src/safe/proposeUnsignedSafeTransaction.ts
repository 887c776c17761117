import { insertSafeTransaction, type Store } from '@openledger/store'
import type { Address } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { createSafeProposal } from './createSafeProposal.js'
import type { ProposeSafeTransactionReturnType, SafeCall } from './proposeSafeTransaction.js'

export type ProposeUnsignedSafeTransactionParameters = {
  infrastructure: SafeInfrastructure
  safeAddress: Address
  /** Who asks; recorded as the proposer. Need not be an owner: the proposal carries no signature. */
  proposer: Address
  /** One call, or several batched through MultiSend. */
  calls: readonly SafeCall[]
  description?: string
  /** Default: after the Safe's nonce and every pending proposal. */
  nonce?: bigint
}

/**
 * Stores an unsigned Safe transaction for the owners to sign (`signSafeTransaction`) and execute
 * (`executeSafeTransaction`). Unlike `proposeSafeTransaction` the proposer need not be an owner: an agent
 * asking for more than its allowance holds no owner key.
 *
 * @example
 * const { safeTxHash } = await proposeUnsignedSafeTransaction(connection, store, {
 *   infrastructure: manifest.safe, safeAddress, proposer: agent.address, calls: [{ to, value: parseEther('1') }],
 * })
 */
export async function proposeUnsignedSafeTransaction(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeUnsignedSafeTransactionParameters,
): Promise<ProposeSafeTransactionReturnType> {
  const { safeTxHash, nonce, row } = await createSafeProposal(connection, store, parameters)
  await insertSafeTransaction(store, row)
  return { safeTxHash, nonce }
}
