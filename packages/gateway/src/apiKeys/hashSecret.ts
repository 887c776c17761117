import { createHash } from 'node:crypto'

/** The sha256 (hex) of an API key's secret: what the store keeps instead of the key. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}
