import { type Hex, keccak256, toHex } from 'viem'

/**
 * Evidence for a challenge: a 32-byte hash is used as is; any other text is hashed with keccak256.
 *
 * @example
 * evidenceHashOf('a bad transcript') // keccak256 of the text
 */
export function evidenceHashOf(evidence: string): Hex {
  return /^0x[0-9a-fA-F]{64}$/.test(evidence) ? (evidence.toLowerCase() as Hex) : keccak256(toHex(evidence))
}
