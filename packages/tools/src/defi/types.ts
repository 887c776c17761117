import type { Address } from 'viem'

/** An ERC-20 token as the DeFi SDK reports it. */
export type Token = { address: Address; symbol: string; decimals: number }

/** A token of a pool with its reserve, in base units. */
export type PoolToken = Token & { reserve: bigint }
