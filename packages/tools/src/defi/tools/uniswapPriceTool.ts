import { tool } from '@langchain/core/tools'
import { z } from 'zod'
import { toolResult } from '../../internal/toolResult.js'
import { getPrice } from '../getPrice.js'
import { resolveToken } from '../resolveToken.js'
import type { DefiToolParameters } from './defiToolParameters.js'
import { validateInput } from './validateInput.js'

const schema = z.object({
  base: z.string().describe('The token to price: OPEN, WETH, USDC, or an ERC-20 address'),
  quote: z.string().describe('The token to express the price in: OPEN, WETH, USDC, or an ERC-20 address'),
})
const strict = z.object({ base: z.string().trim().min(1), quote: z.string().trim().min(1) })

/**
 * A LangChain tool, `uniswap_price`: the Uniswap v2 mid price of one whole `base` token in `quote` tokens,
 * as a JSON string; failures as `{ error: { code, message } }`.
 *
 * @example
 * const price = uniswapPriceTool({ connection, addresses })
 * JSON.parse(await price.invoke({ base: 'OPEN', quote: 'USDC' })).price // '0.5'
 */
export function uniswapPriceTool({ connection, addresses }: DefiToolParameters) {
  return tool(
    (input) =>
      toolResult(async () => {
        const { base, quote } = validateInput(strict, input)
        const b = await resolveToken(connection, addresses, { token: base, field: 'base' })
        const q = await resolveToken(connection, addresses, { token: quote, field: 'quote' })
        const result = await getPrice(connection, addresses, { base: b.address, quote: q.address })
        return {
          base: result.base,
          quote: result.quote,
          price: result.formatted,
          priceE18: result.price.toString(),
          pair: result.pair,
        }
      }),
    {
      name: 'uniswap_price',
      description:
        'The Uniswap v2 mid price of one base token in quote tokens (from the pool reserves, before the 0.3% fee and price impact).',
      schema,
    },
  )
}
