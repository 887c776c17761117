import { randomUUID } from 'node:crypto'

/**
 * A fresh request id: `req_` and 32 hex digits.
 *
 * @example
 * newRequestId() // 'req_0f3c…'
 */
export function newRequestId(): string {
  return `req_${randomUUID().replaceAll('-', '')}`
}
