import { insertSafeTransaction, listSafeTransactions, type Store, withTransaction } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import { SafeProposalLimitError } from '../errors.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { createSafeProposal } from './createSafeProposal.js'
import type { ProposeSafeTransactionReturnType, SafeCall } from './proposeSafeTransaction.js'

/** How many unsigned proposals one proposer may have pending on one Safe, unless told otherwise. */
export const DEFAULT_MAX_PENDING_UNSIGNED = 5

export type ProposeUnsignedSafeTransactionParameters = {
  infrastructure: SafeInfrastructure
  safeAddress: Address
  /** Who asks; recorded as the proposer. Need not be an owner: the proposal carries no signature. */
  proposer: Address
  /** One call, or several batched through MultiSend. */
  calls: readonly SafeCall[]
  description?: string | undefined
  /** Default: after the Safe's nonce and every pending signed proposal; unsigned ones hold no nonce. */
  nonce?: bigint | undefined
  /** The most unsigned proposals `proposer` may have pending on this Safe; default `DEFAULT_MAX_PENDING_UNSIGNED`. */
  maxPending?: number | undefined
}

export type ProposeUnsignedSafeTransactionReturnType = ProposeSafeTransactionReturnType & {
  /** True when the same proposer had the same calls pending on this Safe: that proposal is returned. */
  existing: boolean
}

/**
 * Stores an unsigned Safe transaction for the owners to sign (`signSafeTransaction`) and execute
 * (`executeSafeTransaction`). Unlike `proposeSafeTransaction` the proposer need not be an owner: an agent
 * asking for more than its allowance holds no owner key. Such requests cannot flood the owners:
 * - they hold no nonce: owners' proposals take the nonce after signed ones only, so they never queue behind
 *   requests (a request whose nonce the owners use is passed over: 'replaced', and signing it is refused);
 * - the same proposer asking for the same calls on the same Safe while one is pending gets that one back
 *   (`existing: true`);
 * - one proposer has at most `maxPending` pending (a nonce the Safe has not used yet) on one Safe; one more
 *   is a `SafeProposalLimitError` naming the proposer, the limit and the count.
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
): Promise<ProposeUnsignedSafeTransactionReturnType> {
  const { maxPending = DEFAULT_MAX_PENDING_UNSIGNED } = parameters
  const { safeTxHash, nonce, row, kit } = await createSafeProposal(connection, store, parameters)
  const safeNonce = BigInt(await kit.getNonce())
  const proposer = getAddress(parameters.proposer)
  return withTransaction(store, async (tx) => {
    const pending = (
      await listSafeTransactions(tx, {
        chainId: row.chainId,
        safeAddress: row.safeAddress,
        status: 'proposed',
        proposer,
        signed: false,
      })
    ).filter((r) => r.nonce >= safeNonce)
    const same = pending.find(
      (r) =>
        r.to === row.to &&
        r.value === row.value &&
        r.operation === row.operation &&
        r.data.toLowerCase() === row.data.toLowerCase(),
    )
    if (same) return { safeTxHash: same.safeTxHash as typeof safeTxHash, nonce: same.nonce, existing: true }
    if (pending.length >= maxPending)
      throw new SafeProposalLimitError({
        proposer,
        safeAddress: row.safeAddress,
        limit: maxPending,
        pending: pending.length,
      })
    await insertSafeTransaction(tx, row)
    return { safeTxHash, nonce, existing: false }
  })
}
