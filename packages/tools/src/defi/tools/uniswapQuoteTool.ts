import { tool } from '@langchain/core/tools'
import { z } from 'zod'
import { toolAmount } from '../../internal/toolAmount.js'
import { toolResult } from '../../internal/toolResult.js'
import { quoteSwap } from '../quoteSwap.js'
import { resolveToken } from '../resolveToken.js'
import type { DefiToolParameters } from './defiToolParameters.js'
import { parseAmount } from './parseAmount.js'
import { validateInput } from './validateInput.js'

const schema = z.object({
  tokenIn: z.string().describe('The token to sell: OPEN, WETH, USDC, or an ERC-20 address'),
  tokenOut: z.string().describe('The token to buy'),
  amountIn: z
    .union([z.string(), z.number()])
    .describe("How much tokenIn to sell, in whole tokens, e.g. '1.5'"),
})
const strict = z.object({
  tokenIn: z.string().trim().min(1),
  tokenOut: z.string().trim().min(1),
  amountIn: z.union([z.string(), z.number()]),
})

/**
 * A LangChain tool, `uniswap_quote`: what selling an exact amount on Uniswap v2 would pay now (0.3% fee and
 * price impact included), as a JSON string; failures as `{ error: { code, message } }`.
 *
 * @example
 * const quote = uniswapQuoteTool({ connection, addresses })
 * JSON.parse(await quote.invoke({ tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '100' })).amountOut.formatted
 */
export function uniswapQuoteTool({ connection, addresses }: DefiToolParameters) {
  return tool(
    (input) =>
      toolResult(async () => {
        const parsed = validateInput(strict, input)
        const tokenIn = await resolveToken(connection, addresses, { token: parsed.tokenIn, field: 'tokenIn' })
        const tokenOut = await resolveToken(connection, addresses, {
          token: parsed.tokenOut,
          field: 'tokenOut',
        })
        const amountIn = parseAmount('amountIn', parsed.amountIn, tokenIn)
        const quote = await quoteSwap(connection, addresses, {
          tokenIn: tokenIn.address,
          tokenOut: tokenOut.address,
          amountIn,
        })
        return {
          tokenIn: { address: tokenIn.address, symbol: tokenIn.symbol },
          tokenOut: { address: tokenOut.address, symbol: tokenOut.symbol },
          amountIn: toolAmount(quote.amountIn, tokenIn),
          amountOut: toolAmount(quote.amountOut, tokenOut),
          midAmountOut: toolAmount(quote.midAmountOut, tokenOut),
          priceImpactBps: quote.priceImpactBps,
          feeBps: 30,
          pair: quote.pair,
        }
      }),
    {
      name: 'uniswap_quote',
      description:
        'Quotes selling an exact amount of one token for another on Uniswap v2: the output after the 0.3% fee and price impact. Sends nothing.',
      schema,
    },
  )
}
