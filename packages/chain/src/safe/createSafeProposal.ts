import { listSafeTransactions, type NewSafeTransaction, type StoreSession } from '@openledger/store'
import { type Address, getAddress, type Hex } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import type { SafeCall } from './proposeSafeTransaction.js'
import type { Safe } from './protocolKit.js'
import { safeKit } from './safeKit.js'

export type SafeProposal = {
  /** protocol-kit bound to the Safe (with `signerKey` when given). */
  kit: Safe
  transaction: Awaited<ReturnType<Safe['createTransaction']>>
  safeTxHash: Hex
  nonce: bigint
  /** The row to store for it (`insertSafeTransaction`). */
  row: NewSafeTransaction
}

/**
 * Builds a Safe transaction for `calls` (batched through MultiSend when several) at `nonce`, by default the
 * nonce after the Safe's and every pending signed proposal's (unsigned requests hold no nonce), and the store
 * row that records it: the one mapping of a proposal to its row, for `proposeSafeTransaction` and
 * `proposeUnsignedSafeTransaction`. Stores nothing.
 */
export async function createSafeProposal(
  connection: ChainConnection,
  store: StoreSession,
  parameters: {
    infrastructure: SafeInfrastructure
    safeAddress: Address
    calls: readonly SafeCall[]
    proposer: Address
    description?: string | undefined
    nonce?: bigint | undefined
    /** An owner's key, for a kit that signs. */
    signerKey?: Hex | undefined
  },
): Promise<SafeProposal> {
  const { infrastructure, calls, proposer, description, signerKey } = parameters
  const safeAddress = getAddress(parameters.safeAddress)
  if (calls.length === 0) throw new TypeError('A Safe transaction needs at least one call.')
  const kit = await safeKit(connection, {
    infrastructure,
    safeAddress,
    ...(signerKey ? { signer: signerKey } : {}),
  })
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
  const data = transaction.data
  const row: NewSafeTransaction = {
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
    proposer: getAddress(proposer),
  }
  return { kit, transaction, safeTxHash, nonce, row }
}

async function nextNonce(
  store: StoreSession,
  chainId: number,
  safeAddress: Address,
  safeNonce: number,
): Promise<bigint> {
  // Only signed proposals hold a nonce: unsigned requests (an agent asking for more than its allowance) never
  // queue the owners' own transactions behind them.
  const pending = await listSafeTransactions(store, {
    chainId,
    safeAddress,
    status: 'proposed',
    signed: true,
  })
  return pending.reduce((next, row) => (row.nonce >= next ? row.nonce + 1n : next), BigInt(safeNonce))
}
