import {
  addSafeSignature,
  insertSafeTransaction,
  listSafeTransactions,
  type Store,
  withTransaction,
} from '@openledger/store'
import { type Address, getAddress, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { ChainConnection } from '../connectChain.js'
import { NotSafeOwnerError } from '../errors.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { safeKit } from './safeKit.js'

export type SafeCall = { to: Address; value?: bigint; data?: Hex; operation?: 0 | 1 }

export type ProposeSafeTransactionParameters = {
  infrastructure: SafeInfrastructure
  safeAddress: Address
  /** An owner's key: the proposer signs the proposal too. */
  proposerKey: Hex
  /** One call, or several batched through MultiSend. */
  calls: readonly SafeCall[]
  description?: string
  /** Default: after the Safe's nonce and every pending proposal. */
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
  const { infrastructure, proposerKey, calls, description } = parameters
  const safeAddress = getAddress(parameters.safeAddress)
  if (calls.length === 0) throw new TypeError('A Safe transaction needs at least one call.')
  const proposer = privateKeyToAccount(proposerKey).address
  const kit = await safeKit(connection, { infrastructure, safeAddress, signer: proposerKey })
  if (!(await kit.isOwner(proposer))) throw new NotSafeOwnerError(proposer, safeAddress)
  const nonce =
    parameters.nonce ?? (await nextNonce(store, connection.chainId, safeAddress, await kit.getNonce()))
  const transaction = await kit.createTransaction({
    transactions: calls.map((c) => ({
      to: getAddress(c.to),
      value: String(c.value ?? 0n),
      data: c.data ?? '0x',
      ...(c.operation === undefined ? {} : { operation: c.operation }),
    })),
    options: { nonce: Number(nonce) },
  })
  const safeTxHash = (await kit.getTransactionHash(transaction)) as Hex
  const signed = await kit.signTransaction(transaction)
  const signature = signed.getSignature(proposer)
  if (!signature) throw new Error(`protocol-kit returned no signature for ${proposer}`)
  const data = transaction.data
  await withTransaction(store, async (tx) => {
    await insertSafeTransaction(tx, {
      safeTxHash,
      chainId: connection.chainId,
      safeAddress,
      to: getAddress(data.to),
      value: BigInt(data.value),
      data: data.data as Hex,
      operation: data.operation,
      nonce: BigInt(data.nonce),
      safeTxGas: BigInt(data.safeTxGas),
      baseGas: BigInt(data.baseGas),
      gasPrice: BigInt(data.gasPrice),
      gasToken: getAddress(data.gasToken),
      refundReceiver: getAddress(data.refundReceiver),
      description: description ?? null,
      proposer,
    })
    await addSafeSignature(tx, { safeTxHash, signer: proposer, signature: signature.data as Hex })
  })
  return { safeTxHash, nonce }
}

async function nextNonce(
  store: Store,
  chainId: number,
  safeAddress: Address,
  safeNonce: number,
): Promise<bigint> {
  const pending = await listSafeTransactions(store, { chainId, safeAddress, status: 'proposed' })
  return pending.reduce((next, row) => (row.nonce >= next ? row.nonce + 1n : next), BigInt(safeNonce))
}
