import { formatEther } from 'viem'

/** An amount of OPEN wei as the CLI prints it: `12.5 OPEN`. */
export const formatOpen = (wei: bigint) => `${formatEther(wei)} OPEN`

/** A unix time in seconds as an ISO date. */
export const formatUnixTime = (unixSeconds: bigint) => new Date(Number(unixSeconds) * 1000).toISOString()
