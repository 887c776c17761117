import { DATANET_LICENSES, resolveLicense } from '@openledger/datanets'
import { InvalidArgumentError } from 'commander'
import { type Address, getAddress, type Hex, isAddress, isHex, parseEther } from 'viem'

/** commander argument parsers: each says exactly what is wrong with a bad value. */
export function parseAddress(value: string): Address {
  if (!isAddress(value, { strict: false })) throw new InvalidArgumentError(`"${value}" is not an address.`)
  return getAddress(value)
}

export function parseAddressList(value: string): Address[] {
  return value.split(',').map((v) => parseAddress(v.trim()))
}

export function parsePrivateKey(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidArgumentError('a private key is 0x followed by 64 hex digits.')
  }
  return value as Hex
}

export function parseHexData(value: string): Hex {
  if (!isHex(value, { strict: true }) || value.length % 2 !== 0) {
    throw new InvalidArgumentError(`"${value}" is not 0x-prefixed hex bytes.`)
  }
  return value
}

export function parseSafeTxHash(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a 32-byte hash.`)
  return value.toLowerCase() as Hex
}

export function parseWei(value: string): bigint {
  if (!/^\d+$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not an amount in wei (digits only).`)
  return BigInt(value)
}

/** An amount of OPEN (up to 18 decimals), as wei; zero allowed (a fee of 0). */
export function parseOpen(value: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not an amount of OPEN.`)
  return parseEther(value)
}

/** An amount of OPEN to move: more than zero. */
export function parsePositiveOpen(value: string): bigint {
  const wei = parseOpen(value)
  if (wei === 0n) throw new InvalidArgumentError('the amount must be more than 0 OPEN.')
  return wei
}

export function parseIntegerIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`"${value}" must be an integer from ${min} to ${max}.`)
    }
    return n
  }
}

export function parseRpcUrl(value: string): string {
  if (!/^https?:\/\/[^\s]+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not an http(s) URL.`)
  return value
}

/** A datanet id: a positive integer, as a bigint (ids are uint256 on-chain). */
export function parseDatanetId(value: string): bigint {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError(`"${value}" is not a datanet id (a positive integer).`)
  return BigInt(value)
}

/** A row id (32 bytes in hex), lower-cased; repeated, they collect into a list (a variadic argument). */
export function parseRowId(value: string, previous: Hex[] = []): Hex[] {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not a row id (32 bytes in hex).`)
  return [...previous, value.toLowerCase() as Hex]
}

/** An accepted SPDX license id, in its canonical spelling (any case is accepted). */
export function parseLicense(value: string): string {
  try {
    return resolveLicense(value)
  } catch {
    throw new InvalidArgumentError(`unknown license "${value}"; accepted: ${DATANET_LICENSES.join(', ')}.`)
  }
}

const SECONDS_PER_UNIT: Record<string, bigint> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n }

/** A duration: whole seconds, or a number with a unit (`30s`, `15m`, `24h`, `7d`), from 1 second to 365 days. */
export function parseDuration(value: string): bigint {
  const match = /^(\d+)([smhd]?)$/.exec(value)
  const seconds = match ? BigInt(match[1]!) * SECONDS_PER_UNIT[match[2] || 's']! : 0n
  if (seconds < 1n || seconds > 365n * 86_400n)
    throw new InvalidArgumentError(
      `"${value}" is not a duration from 1 second to 365 days (seconds, or e.g. 30s, 15m, 24h, 7d).`,
    )
  return seconds
}
