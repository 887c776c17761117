import { createHash } from 'node:crypto'

/**
 * The sha256 of some bytes, as lowercase hex.
 *
 * @example
 * sha256Hex(readFileSync('stories260K.bin')) // 'b0a507e7…'
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
