import type { DefiRequest } from './route.js'

/** What the answer node writes from a tool result: exact figures for the user, a short fact for the adapter. */
export type Figures = {
  /** Sentences with the figures exactly as the tools read them from the pool. */
  text: string
  /** One short line for the answer adapter's prompt, as its training rows open (`Price: 1 OPEN = 0.5 USDC.`). */
  fact: string
}

type Amount = { raw: string; formatted: string; symbol: string }
type ToolError = { error: { code: string; message: string } }
type PriceResult = { base: { symbol: string }; quote: { symbol: string }; price: string; pair: string }
type QuoteResult = {
  amountIn: Amount
  amountOut: Amount
  midAmountOut: Amount
  priceImpactBps: number
  feeBps: number
  pair: string
}
type PoolSide = { symbol: string; reserve: Amount }
type PoolResult = { pair: string; tokenA: PoolSide; tokenB: PoolSide; priceAInB: string; priceBInA: string }

/** The tool's failure, if its JSON answer is one. */
export function toolErrorOf(json: string): string | undefined {
  const parsed = JSON.parse(json) as Partial<ToolError>
  return parsed.error ? parsed.error.message : undefined
}

/** Up to 6 significant digits, for the adapter's prompt only (the user sees the exact figures). */
export function shortNumber(formatted: string): string {
  const value = Number(formatted)
  if (!Number.isFinite(value)) return formatted
  return String(Number(value.toPrecision(6)))
}

/**
 * Writes the figures of a price, quote or pool answer from the tools' JSON results, deterministically: the
 * numbers are the tools' own strings, so they equal what the pool holds.
 */
export function figuresOf(request: DefiRequest, results: Record<string, string>): Figures {
  if (request.intent === 'price') {
    const price = JSON.parse(results.uniswap_price!) as PriceResult
    const pool = JSON.parse(results.uniswap_pool!) as PoolResult
    const base = price.base.symbol
    const quote = price.quote.symbol
    return {
      text:
        `1 ${base} = ${price.price} ${quote}. That is the mid price of the ${pool.tokenA.symbol}/${pool.tokenB.symbol} ` +
        `pool (${price.pair}), from its reserves of ${reserves(pool)}, before the 0.3% swap fee and price impact.`,
      fact: `Price: 1 ${base} = ${shortNumber(price.price)} ${quote}.`,
    }
  }
  if (request.intent === 'quote') {
    const quote = JSON.parse(results.uniswap_quote!) as QuoteResult
    const { amountIn, amountOut, midAmountOut } = quote
    return {
      text:
        `${amountIn.formatted} ${amountIn.symbol} buys ${amountOut.formatted} ${amountOut.symbol} from the pool ` +
        `(${quote.pair}) now: at the mid price it would be ${midAmountOut.formatted} ${midAmountOut.symbol}; ` +
        `the trade gets ${percent(quote.priceImpactBps)} less, the 0.3% fee and the price impact together.` +
        (request.swap ? ' No swap was made: I only quote.' : ''),
      fact: `Quote: ${shortNumber(amountIn.formatted)} ${amountIn.symbol} buys ${shortNumber(amountOut.formatted)} ${amountOut.symbol}.`,
    }
  }
  if (request.intent === 'pool') {
    const pool = JSON.parse(results.uniswap_pool!) as PoolResult
    const a = pool.tokenA.symbol
    const b = pool.tokenB.symbol
    return {
      text:
        `The ${a}/${b} pool (${pool.pair}) holds ${reserves(pool)}: ` +
        `1 ${a} = ${pool.priceAInB} ${b} and 1 ${b} = ${pool.priceBInA} ${a} at the mid price.`,
      fact:
        `Pool: ${a}/${b} holds ${shortNumber(pool.tokenA.reserve.formatted)} ${a} and ` +
        `${shortNumber(pool.tokenB.reserve.formatted)} ${b}.`,
    }
  }
  return { text: '', fact: '' }
}

const reserves = (pool: PoolResult) =>
  `${pool.tokenA.reserve.formatted} ${pool.tokenA.symbol} and ${pool.tokenB.reserve.formatted} ${pool.tokenB.symbol}`

const percent = (bps: number) => `${(bps / 100).toFixed(2)}%`
