import { tool } from '@langchain/core/tools'
import { z } from 'zod'
import { toolAmount } from '../../internal/toolAmount.js'
import { toolResult } from '../../internal/toolResult.js'
import { NoAccountError } from '../errors.js'
import { resolveToken } from '../resolveToken.js'
import { swapExactIn } from '../swapExactIn.js'
import type { DefiToolParameters } from './defiToolParameters.js'
import { parseAmount } from './parseAmount.js'
import { validateInput } from './validateInput.js'

const schema = z.object({
  tokenIn: z.string().describe('The token to sell: OPEN, WETH, USDC, or an ERC-20 address'),
  tokenOut: z.string().describe('The token to buy'),
  amountIn: z
    .union([z.string(), z.number()])
    .describe("How much tokenIn to sell, in whole tokens, e.g. '1.5'"),
  expectedAmountOut: z
    .union([z.string(), z.number()])
    .optional()
    .describe('The amountOut of an earlier uniswap_quote, in whole tokens; default: a quote taken now'),
  slippageBps: z
    .union([z.number(), z.string()])
    .optional()
    .describe('How far below the expected output to accept, in basis points; default 50 (0.5%)'),
})
const strict = z.object({
  tokenIn: z.string().trim().min(1),
  tokenOut: z.string().trim().min(1),
  amountIn: z.union([z.string(), z.number()]),
  expectedAmountOut: z.union([z.string(), z.number()]).optional(),
  slippageBps: z.coerce
    .number({ error: 'must be a number of basis points' })
    .int('must be a whole number of basis points')
    .min(0, 'must be at least 0')
    .max(10_000, 'must be at most 10,000 (100%)')
    .default(50),
})

/**
 * A LangChain tool, `uniswap_swap`: sells an exact amount on Uniswap v2 from `account`, refusing when the
 * output would fall more than `slippageBps` below the expected one; the result (or `{ error: { code,
 * message } }`) as a JSON string.
 *
 * @example
 * const swap = uniswapSwapTool({ connection, addresses, account })
 * JSON.parse(await swap.invoke({ tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '100', slippageBps: 50 }))
 */
export function uniswapSwapTool({ connection, addresses, account }: DefiToolParameters) {
  return tool(
    (input) =>
      toolResult(async () => {
        const parsed = validateInput(strict, input)
        if (!account) throw new NoAccountError()
        const tokenIn = await resolveToken(connection, addresses, { token: parsed.tokenIn, field: 'tokenIn' })
        const tokenOut = await resolveToken(connection, addresses, {
          token: parsed.tokenOut,
          field: 'tokenOut',
        })
        const amountIn = parseAmount('amountIn', parsed.amountIn, tokenIn)
        const expectedAmountOut =
          parsed.expectedAmountOut === undefined
            ? undefined
            : parseAmount('expectedAmountOut', parsed.expectedAmountOut, tokenOut)
        const swap = await swapExactIn(connection, addresses, {
          account,
          tokenIn: tokenIn.address,
          tokenOut: tokenOut.address,
          amountIn,
          slippageBps: parsed.slippageBps,
          ...(expectedAmountOut === undefined ? {} : { expectedAmountOut }),
        })
        return {
          hash: swap.hash,
          account: account.address,
          amountIn: toolAmount(swap.amountIn, tokenIn),
          amountOut: toolAmount(swap.amountOut, tokenOut),
          amountOutMin: toolAmount(swap.amountOutMin, tokenOut),
          slippageBps: parsed.slippageBps,
        }
      }),
    {
      name: 'uniswap_swap',
      description:
        'Sells an exact amount of one token for another on Uniswap v2 from the agent account. Quote first with uniswap_quote and pass its amountOut as expectedAmountOut; the swap is refused if the pool moved more than slippageBps since.',
      schema,
    },
  )
}
