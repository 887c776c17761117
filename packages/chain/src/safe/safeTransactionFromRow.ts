import type { SafeTransaction as SafeTransactionRow } from '@openledger/store'
import { EthSafeTransaction } from './protocolKit.js'

/** Rebuilds protocol-kit's transaction object from its stored row (signatures not included). */
export function safeTransactionFromRow(row: SafeTransactionRow): EthSafeTransaction {
  return new EthSafeTransaction({
    to: row.to,
    value: row.value.toString(),
    data: row.data,
    operation: row.operation,
    safeTxGas: row.safeTxGas.toString(),
    baseGas: row.baseGas.toString(),
    gasPrice: row.gasPrice.toString(),
    gasToken: row.gasToken,
    refundReceiver: row.refundReceiver,
    nonce: Number(row.nonce),
  })
}
