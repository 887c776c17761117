/** The tokens the devnet pools trade, by what people call them. */
const TOKENS: Record<string, string> = {
  open: 'OPEN',
  weth: 'WETH',
  eth: 'WETH',
  ether: 'WETH',
  usdc: 'USDC',
  usd: 'USDC',
  dollars: 'USDC',
  dollar: 'USDC',
}
export const KNOWN_TOKENS = ['OPEN', 'WETH', 'USDC'] as const

/** What a question to the DeFi assistant asks for, as the routing rules read it. */
export type DefiRequest =
  | { intent: 'price'; base: string; quote: string }
  | {
      intent: 'quote'
      tokenIn: string
      tokenOut: string
      amountIn: string
      /** Asked to trade ("Swap 10 OPEN to USDC"): the answer says it only quotes. */
      swap?: true
    }
  | { intent: 'pool'; tokenA: string; tokenB: string }
  | { intent: 'explain' }
  | { intent: 'invalid'; reason: string }

const token = '(open|weth|eth|ether|usdc|usd|dollars?)'
const amount = String.raw`(\d+(?:[.,]\d+)?)`
const word = '[a-z][a-z0-9]{1,9}'
// "10 OPEN to USDC", "swap 1 WETH for OPEN", "what would 500 USDC get me in OPEN"
const amountThenTarget = new RegExp(
  String.raw`${amount}\s*${token}\b(?:\s+\w+){0,4}?\s+(?:to|for|into|in)\s+${token}\b`,
  'i',
)
// "how much OPEN do I get for 100 USDC", "how many OPEN can I buy with 20 USDC"
const targetThenAmount = new RegExp(
  String.raw`\b${token}\b(?:\s+\w+){0,5}?\s+(?:for|with)\s+${amount}\s*${token}\b`,
  'i',
)
// "how much OPEN is one WETH": the price of the second token in the first
const howMuchIsOne = new RegExp(
  String.raw`how (?:much|many)\s+${token}\s+(?:is|are|for)\s+(?:one|1|a|an)\s+${token}\b`,
  'i',
)
const anyToken = new RegExp(String.raw`\b${token}\b`, 'gi')
// An amount or "price of" followed by a word that is no token we know: a token we cannot price.
const amountOfUnknown = new RegExp(String.raw`(?:^|\s)\d+(?:[.,]\d+)?\s*(${word})\b`, 'i')
const priceOfUnknown = new RegExp(String.raw`\b(?:price|value) of\s+(${word})\b`, 'i')
const NOT_TOKENS = new Set([
  'of',
  'the',
  'a',
  'an',
  'one',
  'percent',
  'tokens',
  'token',
  'and',
  'to',
  'for',
  'in',
  'is',
])

const canonical = (t: string) => TOKENS[t.toLowerCase()] ?? t.toUpperCase()
const decimal = (text: string) => text.replace(',', '.')

/**
 * Reads a question by rules (stories260K cannot route or copy parameters): a swap quote when it names an
 * amount of one token and another token to get; pool details when it asks about a pool or its reserves; a
 * price when it asks what a token is worth; anything else is explained from the datanet. Names of tokens the
 * pools do not trade make it `invalid`, with the reason to tell the user.
 *
 * @example
 * parseDefiRequest('How much OPEN do I get for 100 USDC?') // { intent: 'quote', tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '100' }
 */
export function parseDefiRequest(question: string): DefiRequest {
  const text = question.trim()
  if (!text)
    return { intent: 'invalid', reason: 'The question is empty. Ask me for a price, a quote or a pool.' }
  const unknown = [amountOfUnknown.exec(text)?.[1], priceOfUnknown.exec(text)?.[1]].find(
    (w) => w !== undefined && !TOKENS[w.toLowerCase()] && !NOT_TOKENS.has(w.toLowerCase()),
  )
  if (unknown)
    return {
      intent: 'invalid',
      reason: `I cannot price ${unknown}: the pools here trade only ${KNOWN_TOKENS.join(', ')}.`,
    }
  const forward = amountThenTarget.exec(text)
  const swap = /^(?:please\s+)?(?:swap|trade|sell|buy|exchange|convert)\b/i.test(text)
  const quote = forward
    ? quoteOf(forward[2]!, forward[3]!, forward[1]!)
    : (() => {
        const backward = targetThenAmount.exec(text)
        return backward ? quoteOf(backward[3]!, backward[1]!, backward[2]!) : undefined
      })()
  if (quote) return swap && quote.intent === 'quote' ? { ...quote, swap: true } : quote
  const tokens = [...text.matchAll(anyToken)].map((m) => canonical(m[1]!))
  const distinct = [...new Set(tokens)]
  if (/\b(pool|pools|reserves?|liquidity|pair)\b/i.test(text) && distinct.length > 0) {
    const [a, b] = distinct.length >= 2 ? distinct : pairWithOpen(distinct[0]!)
    if (!/\b(what is|what's|what are|how do|how does|explain)\b/i.test(text) || distinct.length >= 2)
      return { intent: 'pool', tokenA: a!, tokenB: b! }
  }
  const one = howMuchIsOne.exec(text)
  if (one) return sameToken(canonical(one[2]!), canonical(one[1]!))
  if (/\b(price|worth|cost|costs|value|rate|how much is|how much are)\b/i.test(text) && distinct.length > 0) {
    if (distinct.length >= 2) return sameToken(distinct[0]!, distinct[1]!)
    const base = distinct[0]!
    return { intent: 'price', base, quote: base === 'USDC' ? 'OPEN' : 'USDC' }
  }
  return { intent: 'explain' }
}

function quoteOf(tokenIn: string, tokenOut: string, amountIn: string): DefiRequest {
  const from = canonical(tokenIn)
  const to = canonical(tokenOut)
  if (from === to)
    return {
      intent: 'invalid',
      reason: `Swapping ${from} for ${from} does nothing: name two different tokens.`,
    }
  return { intent: 'quote', tokenIn: from, tokenOut: to, amountIn: decimal(amountIn) }
}

function sameToken(base: string, quote: string): DefiRequest {
  if (base === quote)
    return { intent: 'invalid', reason: `${base} in ${base} is always 1: name two different tokens.` }
  return { intent: 'price', base, quote }
}

// The devnet has OPEN/WETH and OPEN/USDC pools only.
const pairWithOpen = (t: string): [string, string] => (t === 'OPEN' ? ['OPEN', 'USDC'] : ['OPEN', t])
