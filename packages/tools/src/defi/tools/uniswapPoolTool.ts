import { tool } from '@langchain/core/tools'
import { formatUnits } from 'viem'
import { z } from 'zod'
import { toolAmount } from '../../internal/toolAmount.js'
import { toolResult } from '../../internal/toolResult.js'
import { getPoolInfo } from '../getPoolInfo.js'
import { getPrice } from '../getPrice.js'
import { resolveToken } from '../resolveToken.js'
import type { DefiToolParameters } from './defiToolParameters.js'
import { validateInput } from './validateInput.js'

const schema = z.object({
  tokenA: z.string().describe('A token: OPEN, WETH, USDC, or an ERC-20 address'),
  tokenB: z.string().describe('The other token of the pool'),
})
const strict = z.object({ tokenA: z.string().trim().min(1), tokenB: z.string().trim().min(1) })

/**
 * A LangChain tool, `uniswap_pool`: a Uniswap v2 pool's reserves, liquidity token supply and mid prices,
 * as a JSON string; failures as `{ error: { code, message } }`.
 *
 * @example
 * const pool = uniswapPoolTool({ connection, addresses })
 * JSON.parse(await pool.invoke({ tokenA: 'OPEN', tokenB: 'USDC' })).tokenB.reserve.formatted // '500000'
 */
export function uniswapPoolTool({ connection, addresses }: DefiToolParameters) {
  return tool(
    (input) =>
      toolResult(async () => {
        const { tokenA, tokenB } = validateInput(strict, input)
        const a = await resolveToken(connection, addresses, { token: tokenA, field: 'tokenA' })
        const b = await resolveToken(connection, addresses, { token: tokenB, field: 'tokenB' })
        const pool = await getPoolInfo(connection, addresses, { tokenA: a.address, tokenB: b.address })
        const [aInB, bInA] = await Promise.all([
          getPrice(connection, addresses, { base: a.address, quote: b.address }),
          getPrice(connection, addresses, { base: b.address, quote: a.address }),
        ])
        const side = (t: typeof pool.tokenA) => ({
          address: t.address,
          symbol: t.symbol,
          decimals: t.decimals,
          reserve: toolAmount(t.reserve, t),
        })
        return {
          pair: pool.pair,
          tokenA: side(pool.tokenA),
          tokenB: side(pool.tokenB),
          totalSupply: { raw: pool.totalSupply.toString(), formatted: formatUnits(pool.totalSupply, 18) },
          /** Mid prices: tokenB per whole tokenA, and tokenA per whole tokenB. */
          priceAInB: aInB.formatted,
          priceBInA: bInA.formatted,
        }
      }),
    {
      name: 'uniswap_pool',
      description:
        'Shows a Uniswap v2 pool: both reserves, the liquidity token supply and the mid price each way.',
      schema,
    },
  )
}
