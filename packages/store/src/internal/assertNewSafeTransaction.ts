import { InvalidStoreInputError } from '../errors/input.js'
import type { NewSafeTransaction } from '../types.js'
import {
  assertAddress,
  assertBytes,
  assertChainId,
  assertDate,
  assertHash,
  assertUint256,
} from './validate.js'

/** Checks every field of a proposal before it reaches SQL; throws `InvalidStoreInputError` naming the field. */
export function assertNewSafeTransaction(tx: NewSafeTransaction): void {
  if (typeof tx !== 'object' || tx === null) throw new InvalidStoreInputError('transaction', tx, 'an object')
  assertHash('safeTxHash', tx.safeTxHash)
  assertChainId('chainId', tx.chainId)
  assertAddress('safeAddress', tx.safeAddress)
  assertAddress('to', tx.to)
  assertUint256('value', tx.value)
  assertBytes('data', tx.data)
  if (tx.operation !== 0 && tx.operation !== 1)
    throw new InvalidStoreInputError('operation', tx.operation, '0 (call) or 1 (delegatecall)')
  assertUint256('nonce', tx.nonce)
  assertUint256('safeTxGas', tx.safeTxGas)
  assertUint256('baseGas', tx.baseGas)
  assertUint256('gasPrice', tx.gasPrice)
  assertAddress('gasToken', tx.gasToken)
  assertAddress('refundReceiver', tx.refundReceiver)
  if (tx.description != null && typeof tx.description !== 'string')
    throw new InvalidStoreInputError('description', tx.description, 'a string, null or nothing')
  assertAddress('proposer', tx.proposer)
  if (tx.createdAt !== undefined) assertDate('createdAt', tx.createdAt)
}
