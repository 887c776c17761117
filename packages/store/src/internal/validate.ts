import { InvalidStoreInputError } from '../errors/input.js'
import type { Address, Hex } from '../types.js'

const maxUint256 = 2n ** 256n - 1n

/** A 32-byte hash in lowercase hex, as the project passes them (one spelling per hash keeps keys unique). */
export function assertHash(field: string, value: unknown): asserts value is Hex {
  if (typeof value !== 'string' || !/^0x[0-9a-f]{64}$/.test(value))
    throw new InvalidStoreInputError(field, value, 'a 32-byte hash: 0x followed by 64 lowercase hex digits')
}

/** A 20-byte address; the caller checksums it (the store keeps it as given). */
export function assertAddress(field: string, value: unknown): asserts value is Address {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value))
    throw new InvalidStoreInputError(field, value, 'a 20-byte address: 0x followed by 40 hex digits')
}

/** Hex bytes of any length (an even number of digits), at least `minBytes` long. */
export function assertBytes(field: string, value: unknown, minBytes = 0): asserts value is Hex {
  if (typeof value !== 'string' || !/^0x(?:[0-9a-fA-F]{2})*$/.test(value) || value.length < 2 + 2 * minBytes)
    throw new InvalidStoreInputError(
      field,
      value,
      `hex bytes: 0x followed by an even number of hex digits${minBytes ? `, at least ${minBytes} bytes` : ''}`,
    )
}

/** A uint256 amount as a bigint. */
export function assertUint256(field: string, value: unknown): asserts value is bigint {
  if (typeof value !== 'bigint' || value < 0n || value > maxUint256)
    throw new InvalidStoreInputError(field, value, 'a bigint between 0 and 2^256 - 1')
}

/** A chain id that fits the `integer` column on both backends. */
export function assertChainId(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647)
    throw new InvalidStoreInputError(field, value, 'a positive integer chain id below 2^31')
}

/** A `Date` that is a real instant (`new Date('nonsense')` is not). */
export function assertDate(field: string, value: unknown): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new InvalidStoreInputError(field, value, 'a valid Date')
}

/** A PostgreSQL schema name we can put in `search_path` without quoting games. */
export function assertSchemaName(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value))
    throw new InvalidStoreInputError(
      field,
      value,
      'a schema name: letters, digits and _, at most 63 characters',
    )
}
