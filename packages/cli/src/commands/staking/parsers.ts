import { InvalidArgumentError } from 'commander'
import type { Hex } from 'viem'

/** commander argument parsers of the staking commands: each says exactly what is wrong with a bad value. */

/** An agent id: a positive integer, as a bigint. */
export function parseAgentId(value: string): bigint {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError(`"${value}" is not an agent id (a positive integer).`)
  return BigInt(value)
}

/** A challenge id: a positive integer, as a bigint. */
export function parseChallengeId(value: string): bigint {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError(`"${value}" is not a challenge id (a positive integer).`)
  return BigInt(value)
}

/** An adapter hash (32 bytes in hex, e.g. a SHA-256); repeated, they collect into a list. */
export function parseAdapterHash(value: string, previous: Hex[] = []): Hex[] {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not an adapter hash (32 bytes in hex).`)
  return [...previous, value.toLowerCase() as Hex]
}
