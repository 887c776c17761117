import type { Address, Hex, NewSafeTransaction, SafeTransaction, SafeTransactionsTable } from '../types.js'

/** API → SQL: bigints become decimal strings, bytes lowercase hex, dates ISO text. */
export function toSafeTransactionRow(tx: NewSafeTransaction, createdAt: Date): SafeTransactionsTable {
  return {
    safe_tx_hash: tx.safeTxHash,
    chain_id: tx.chainId,
    safe_address: tx.safeAddress,
    to: tx.to,
    value: tx.value.toString(),
    data: tx.data.toLowerCase(),
    operation: tx.operation,
    nonce: tx.nonce.toString(),
    safe_tx_gas: tx.safeTxGas.toString(),
    base_gas: tx.baseGas.toString(),
    gas_price: tx.gasPrice.toString(),
    gas_token: tx.gasToken,
    refund_receiver: tx.refundReceiver,
    description: tx.description ?? null,
    proposer: tx.proposer,
    status: 'proposed',
    executed_tx_hash: null,
    created_at: createdAt.toISOString(),
    executed_at: null,
  }
}

/** SQL → API. */
export function fromSafeTransactionRow(row: SafeTransactionsTable): SafeTransaction {
  return {
    safeTxHash: row.safe_tx_hash as Hex,
    chainId: Number(row.chain_id),
    safeAddress: row.safe_address as Address,
    to: row.to as Address,
    value: BigInt(row.value),
    data: row.data as Hex,
    operation: Number(row.operation) === 1 ? 1 : 0,
    nonce: BigInt(row.nonce),
    safeTxGas: BigInt(row.safe_tx_gas),
    baseGas: BigInt(row.base_gas),
    gasPrice: BigInt(row.gas_price),
    gasToken: row.gas_token as Address,
    refundReceiver: row.refund_receiver as Address,
    description: row.description,
    proposer: row.proposer as Address,
    status: row.status,
    executedTxHash: row.executed_tx_hash as Hex | null,
    createdAt: new Date(row.created_at),
    executedAt: row.executed_at === null ? null : new Date(row.executed_at),
  }
}

/** The proposal fields of two rows that differ (status, execution and `created_at` are not compared). */
export function differingProposalFields(a: SafeTransactionsTable, b: SafeTransactionsTable): string[] {
  const ignored = new Set(['status', 'executed_tx_hash', 'created_at', 'executed_at'])
  return (Object.keys(a) as (keyof SafeTransactionsTable)[]).filter(
    (key) => !ignored.has(key) && a[key] !== b[key],
  )
}
