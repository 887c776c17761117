import { InvalidArgumentError } from 'commander'

/** An epoch number: a positive integer (epochs start at 1). */
export function parseEpoch(value: string): bigint {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError(`"${value}" is not an epoch (a positive integer).`)
  return BigInt(value)
}
