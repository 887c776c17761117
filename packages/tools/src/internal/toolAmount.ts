import { formatUnits } from 'viem'

/** A token amount in a tool result: base units as a decimal string, and in whole tokens. */
export type ToolAmount = { raw: string; formatted: string; symbol: string }

/**
 * `raw` base units of `token` as a tool result shows them.
 *
 * @example
 * toolAmount(1_500_000n, { symbol: 'USDC', decimals: 6 }) // { raw: '1500000', formatted: '1.5', symbol: 'USDC' }
 */
export function toolAmount(raw: bigint, token: { symbol: string; decimals: number }): ToolAmount {
  return { raw: raw.toString(), formatted: formatUnits(raw, token.decimals), symbol: token.symbol }
}
