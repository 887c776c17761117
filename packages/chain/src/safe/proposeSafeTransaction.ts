import { addSafeSignature, insertSafeTransaction, type Store, withTransaction } from '@openledger/store'
import type { Address, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { ChainConnection } from '../connectChain.js'
import { NotSafeOwnerError, SafeSignatureMissingError } from '../errors.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { createSafeProposal } from './createSafeProposal.js'

export type SafeCall = { to: Address; value?: bigint; data?: Hex; operation?: 0 | 1 }

export type ProposeSafeTransactionParameters = {
  infrastructure: SafeInfrastructure
  safeAddress: Address
  /** An owner's key: the proposer signs the proposal too. */
  proposerKey: Hex
  /** One call, or several batched through MultiSend. */
  calls: readonly SafeCall[]
  description?: string
  /** Default: after the Safe's nonce and every pending signed proposal (unsigned requests hold none). */
  nonce?: bigint
}

export type ProposeSafeTransactionReturnType = { safeTxHash: Hex; nonce: bigint }

/**
 * Proposes a Safe transaction: builds it, stores it and the proposer's signature, so other owners can sign
 * from other processes (`signSafeTransaction`) and anyone can execute once the threshold is met.
 *
 * @example
 * const { safeTxHash } = await proposeSafeTransaction(connection, store, {
 *   infrastructure: manifest.safe, safeAddress, proposerKey, calls: [{ to, data }],
 * })
 */
export async function proposeSafeTransaction(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSafeTransactionParameters,
): Promise<ProposeSafeTransactionReturnType> {
  const { proposerKey } = parameters
  const proposer = privateKeyToAccount(proposerKey).address
  const { kit, transaction, safeTxHash, nonce, row } = await createSafeProposal(connection, store, {
    ...parameters,
    proposer,
    signerKey: proposerKey,
  })
  if (!(await kit.isOwner(proposer))) throw new NotSafeOwnerError(proposer, row.safeAddress)
  const signed = await kit.signTransaction(transaction)
  const signature = signed.getSignature(proposer)
  if (!signature) throw new SafeSignatureMissingError(proposer)
  await withTransaction(store, async (tx) => {
    await insertSafeTransaction(tx, row)
    await addSafeSignature(tx, { safeTxHash, signer: proposer, signature: signature.data as Hex })
  })
  return { safeTxHash, nonce }
}
