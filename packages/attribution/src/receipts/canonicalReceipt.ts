import { zeroAddress } from 'viem'
import { canonicalFields } from './canonicalFields.js'
import { InvalidReceiptError } from './errors.js'
import { bytes32, checksummed, uint } from './fieldChecks.js'
import { type Receipt, type ReceiptKind, type ReceiptV1, type ReceiptV2, receiptKinds } from './types.js'

const CHAIN_ID_BOUND = 2n ** 64n

/**
 * Validates a receipt (version 1 or 2) and returns its canonical form: hashes in lower case, adapters sorted by
 * id, contributions sorted by (datanetId, rowId, method); a version 1 receipt has no `version` key, a version 2
 * one has `version: 2`. Two receipts with the same canonical form have the same id. Throws `InvalidReceiptError`
 * naming the field: hashes must be 32 bytes, addresses checksummed, integers in range, contribution weights > 0
 * summing to exactly 1e18 (none at all when `noEvidence`), no duplicates; in version 2 also a chain id in
 * [1, 2^64), a non-zero checksummed FeeRouter, a 32-byte base model hash and a known kind.
 *
 * @example
 * const stored = canonicalReceipt(receipt)
 */
export function canonicalReceipt(receipt: ReceiptV2): ReceiptV2
export function canonicalReceipt(receipt: ReceiptV1): ReceiptV1
export function canonicalReceipt(receipt: Receipt): Receipt
export function canonicalReceipt(receipt: Receipt): Receipt {
  if (receipt === null || typeof receipt !== 'object')
    throw new InvalidReceiptError('receipt', 'is not an object')
  const { version } = receipt as { version?: unknown }
  if (version === undefined || version === 1) return canonicalFields(receipt)
  if (version !== 2) throw new InvalidReceiptError('version', `is ${String(version)}; expected 1 or 2`)
  const v2 = receipt as ReceiptV2
  const chainId = uint('chainId', v2.chainId, CHAIN_ID_BOUND, 1n)
  const feeRouter = checksummed('feeRouter', v2.feeRouter)
  if (feeRouter === zeroAddress) throw new InvalidReceiptError('feeRouter', 'is the zero address')
  const kind = receiptKind(v2.kind)
  const { requestId, agentId, ...rest } = canonicalFields(v2)
  const baseModel = bytes32('baseModel', v2.baseModel)
  return { version: 2, chainId, feeRouter, kind, requestId, agentId, baseModel, ...rest }
}

function receiptKind(value: unknown): ReceiptKind {
  if (!receiptKinds.includes(value as ReceiptKind))
    throw new InvalidReceiptError('kind', `is ${String(value)}; expected one of ${receiptKinds.join(', ')}`)
  return value as ReceiptKind
}
