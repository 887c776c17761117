import { canonicalReceipt } from './canonicalReceipt.js'
import { InvalidReceiptError, ReceiptIdMismatchError } from './errors.js'
import { receiptId } from './receiptId.js'
import { receiptSchema } from './receiptSchema.js'
import type { Receipt } from './types.js'

/**
 * Parses a receipt from JSON (see `receiptSchema`), version 1 or 2, into its canonical form. Throws `InvalidReceiptError` naming
 * the first field that fails (shape or receipt rules), and `ReceiptIdMismatchError` when the JSON states an
 * `id` its content does not hash to.
 *
 * @example
 * const receipt = receiptFromJson(JSON.parse(text))
 */
export function receiptFromJson(json: unknown): Receipt {
  const parsed = receiptSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InvalidReceiptError(
      issue?.path.join('.') || 'receipt',
      issue ? `is invalid: ${issue.message}` : 'is invalid',
    )
  }
  const { id, ...fields } = parsed.data
  const receipt = canonicalReceipt(fields)
  if (id !== undefined) {
    const computed = receiptId(receipt)
    if (computed !== id) throw new ReceiptIdMismatchError(id, computed)
  }
  return receipt
}
