import type { ProvisionSummary } from './types.js'

/** A JSON value: what `provisionSummaryJson` turns bigints into decimal strings for. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/**
 * The summary as JSON can hold it (`JSON.stringify` refuses bigints): amounts and ids as decimal strings, for
 * `openledger up` to write into `stack.json`.
 *
 * @example
 * stack.agents = provisionSummaryJson(summary)
 */
export function provisionSummaryJson(summary: ProvisionSummary): Json {
  return JSON.parse(
    JSON.stringify(summary, (_, value) => (typeof value === 'bigint' ? value.toString() : value)),
  ) as Json
}
