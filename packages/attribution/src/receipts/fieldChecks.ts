import { getAddress, type Hex, isAddress, isHex } from 'viem'
import { InvalidReceiptError } from './errors.js'

/** A 32-byte hex value in lower case, or `InvalidReceiptError` naming the field. */
export function bytes32(field: string, value: unknown): Hex {
  if (typeof value !== 'string' || !isHex(value, { strict: true }) || value.length !== 66)
    throw new InvalidReceiptError(field, `is ${String(value)}, not 32 bytes of hex`)
  return value.toLowerCase() as Hex
}

/** A bigint in `[min, bound)`, or `InvalidReceiptError` naming the field. */
export function uint(field: string, value: unknown, bound: bigint, min = 0n): bigint {
  if (typeof value !== 'bigint' || value < min || value >= bound)
    throw new InvalidReceiptError(field, `is ${String(value)}, not a bigint in [${min}, ${bound})`)
  return value
}

/** A checksummed address, or `InvalidReceiptError` naming the field. */
export function checksummed(field: string, value: unknown) {
  if (typeof value !== 'string' || !isAddress(value, { strict: false }) || getAddress(value) !== value)
    throw new InvalidReceiptError(field, `is ${String(value)}, not a checksummed address`)
  return getAddress(value)
}
