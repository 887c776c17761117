import { formatEther } from 'viem'

/** An amount of OPEN wei as the CLI prints it: `12.5 OPEN`. */
export const formatOpen = (wei: bigint) => `${formatEther(wei)} OPEN`

/** A unix time in seconds as an ISO date. */
export const formatUnixTime = (unixSeconds: bigint) => new Date(Number(unixSeconds) * 1000).toISOString()

const UNITS: readonly [bigint, string][] = [
  [86_400n, 'day'],
  [3_600n, 'hour'],
  [60n, 'minute'],
  [1n, 'second'],
]

/** Seconds in the largest whole unit: `1 day`, `7 days`, `1 hour`, `90 seconds`. */
export function formatDuration(seconds: bigint): string {
  const [size, unit] = UNITS.find(([size]) => seconds % size === 0n && seconds >= size) ?? [1n, 'second']
  const count = seconds / size
  return count === 1n ? `1 ${unit}` : `${count} ${unit}s`
}

/** A period after "every" or "per": `day`, `7 days`, `hour`, `90 seconds`. */
export const formatPeriod = (seconds: bigint) => formatDuration(seconds).replace(/^1 /, '')
