import { parseEther, parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import { swapExactIn } from '../swapExactIn.js'
import {
  balanceOf,
  constantProductOut,
  LIQUIDITY,
  mintUsdc,
  reservesOf,
  TRADER,
  useUniswapDevnet,
} from '../testing.js'
import { uniswapPoolTool } from './uniswapPoolTool.js'
import { uniswapPriceTool } from './uniswapPriceTool.js'
import { uniswapQuoteTool } from './uniswapQuoteTool.js'
import { uniswapSwapTool } from './uniswapSwapTool.js'

const devnet = useUniswapDevnet()
const parameters = () => ({
  connection: devnet.env.connection,
  addresses: devnet.uniswap,
  account: devnet.account(TRADER),
})
const invoke = async (t: { invoke: (input: never) => Promise<unknown> }, input: object) =>
  JSON.parse((await t.invoke(input as never)) as string)

describe('uniswap_pool', () => {
  it('reports reserves, supply and both prices', async () => {
    const result = await invoke(uniswapPoolTool(parameters()), { tokenA: 'open', tokenB: 'WETH' })
    expect(result).toEqual({
      pair: devnet.uniswap.pairs.openWeth,
      tokenA: {
        address: devnet.uniswap.open,
        symbol: 'OPEN',
        decimals: 18,
        reserve: { raw: parseEther('1000000').toString(), formatted: '1000000', symbol: 'OPEN' },
      },
      tokenB: {
        address: devnet.uniswap.weth,
        symbol: 'WETH',
        decimals: 18,
        reserve: { raw: parseEther('500').toString(), formatted: '500', symbol: 'WETH' },
      },
      totalSupply: { raw: '22360679774997896964091', formatted: '22360.679774997896964091' },
      priceAInB: '0.0005',
      priceBInA: '2000',
    })
  })

  it('answers NO_POOL for a pair without liquidity', async () => {
    expect(
      await invoke(uniswapPoolTool(parameters()), { tokenA: 'WETH', tokenB: 'USDC' }),
    ).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "NO_POOL",
          "message": "There is no Uniswap v2 pool with liquidity for ${devnet.uniswap.weth}/${devnet.uniswap.usdc}.",
        },
      }
    `)
  })
})

describe('uniswap_price', () => {
  it('prices by symbol or address, as the reserves say', async () => {
    const price = uniswapPriceTool(parameters())
    const result = await invoke(price, { base: devnet.uniswap.open.toLowerCase(), quote: 'USDC' })
    expect(result).toMatchObject({
      base: { address: devnet.uniswap.open, symbol: 'OPEN', decimals: 18 },
      quote: { address: devnet.uniswap.usdc, symbol: 'USDC', decimals: 6 },
      price: '0.5',
      priceE18: (5n * 10n ** 17n).toString(),
      pair: devnet.uniswap.pairs.openUsdc,
    })
    expect((await invoke(price, { base: 'WETH', quote: 'OPEN' })).price).toBe('2000')
  })

  it('answers UNKNOWN_TOKEN and INVALID_INPUT for tokens it cannot resolve', async () => {
    const price = uniswapPriceTool(parameters())
    expect(await invoke(price, { base: 'DOGE', quote: 'USDC' })).toEqual({
      error: {
        code: 'UNKNOWN_TOKEN',
        message: "Unknown token 'DOGE': use one of OPEN, WETH, USDC or the address of an ERC-20 token.",
      },
    })
    expect(await invoke(price, { base: '0x12345', quote: 'USDC' })).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: "base: '0x12345' is not a valid address (0x and 40 hex digits)",
      },
    })
    // A well-formed address without an ERC-20 contract: an account.
    expect((await invoke(price, { base: 'OPEN', quote: devnet.address(1) })).error.code).toBe('UNKNOWN_TOKEN')
    expect((await invoke(price, { base: '', quote: 'USDC' })).error).toMatchObject({ code: 'INVALID_INPUT' })
  })
})

describe('uniswap_quote', () => {
  it('quotes x·y = k with the 0.3% fee, raw and formatted', async () => {
    const { reserveIn, reserveOut } = await reservesOf(
      devnet.env.connection,
      devnet.uniswap.pairs.openUsdc,
      devnet.uniswap.usdc,
    )
    const amountOut = constantProductOut(parseUnits('100', 6), reserveIn, reserveOut)
    const result = await invoke(uniswapQuoteTool(parameters()), {
      tokenIn: 'USDC',
      tokenOut: 'OPEN',
      amountIn: '100',
    })
    expect(result).toEqual({
      tokenIn: { address: devnet.uniswap.usdc, symbol: 'USDC' },
      tokenOut: { address: devnet.uniswap.open, symbol: 'OPEN' },
      amountIn: { raw: '100000000', formatted: '100', symbol: 'USDC' },
      amountOut: { raw: amountOut.toString(), formatted: '199.360247566635212938', symbol: 'OPEN' },
      midAmountOut: { raw: parseEther('200').toString(), formatted: '200', symbol: 'OPEN' },
      priceImpactBps: 32,
      feeBps: 30,
      pair: devnet.uniswap.pairs.openUsdc,
    })
  })

  it('answers INVALID_INPUT for a negative, zero, malformed or too precise amount', async () => {
    const quote = uniswapQuoteTool(parameters())
    const errorOf = async (amountIn: string | number) =>
      (await invoke(quote, { tokenIn: 'USDC', tokenOut: 'OPEN', amountIn })).error
    expect(await errorOf('-5')).toEqual({
      code: 'INVALID_INPUT',
      message: "amountIn: must be a positive decimal number of USDC like '1.5', got '-5'",
    })
    expect(await errorOf(-5)).toMatchObject({ code: 'INVALID_INPUT' })
    expect(await errorOf('0')).toEqual({
      code: 'INVALID_INPUT',
      message: "amountIn: must be more than zero, got '0'",
    })
    expect(await errorOf('lots')).toMatchObject({ code: 'INVALID_INPUT' })
    expect(await errorOf('1.0000001')).toEqual({
      code: 'INVALID_INPUT',
      message: "amountIn: USDC has 6 decimals; '1.0000001' has more",
    })
  })
})

describe('uniswap_swap', () => {
  it('swaps the quoted amount from the agent account', async () => {
    const { open, usdc } = devnet.uniswap
    const trader = devnet.address(TRADER)
    const quoted = await invoke(uniswapQuoteTool(parameters()), {
      tokenIn: 'USDC',
      tokenOut: 'OPEN',
      amountIn: 250,
    })
    const before = await balanceOf(devnet.env.connection, open, trader)
    const usdcBefore = await balanceOf(devnet.env.connection, usdc, trader)
    const result = await invoke(uniswapSwapTool(parameters()), {
      tokenIn: 'USDC',
      tokenOut: 'OPEN',
      amountIn: '250',
      expectedAmountOut: quoted.amountOut.formatted,
      slippageBps: 50,
    })
    expect(result).toMatchObject({
      hash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      account: trader,
      amountIn: { raw: '250000000', formatted: '250', symbol: 'USDC' },
      amountOut: quoted.amountOut,
      slippageBps: 50,
    })
    expect(BigInt(result.amountOutMin.raw)).toBe((BigInt(quoted.amountOut.raw) * 9950n) / 10_000n)
    expect((await balanceOf(devnet.env.connection, open, trader)) - before).toBe(BigInt(quoted.amountOut.raw))
    expect(usdcBefore - (await balanceOf(devnet.env.connection, usdc, trader))).toBe(250_000_000n)
  })

  it('answers SLIPPAGE_EXCEEDED when another account moved the pool since the quote', async () => {
    const quoted = await invoke(uniswapQuoteTool(parameters()), {
      tokenIn: 'USDC',
      tokenOut: 'OPEN',
      amountIn: '1000',
    })
    // Another account buys OPEN with 10,000 USDC: about 4% dearer.
    await mintUsdc(devnet, devnet.address(LIQUIDITY), parseUnits('10000', 6))
    await swapExactIn(devnet.env.connection, devnet.uniswap, {
      account: devnet.account(LIQUIDITY),
      tokenIn: devnet.uniswap.usdc,
      tokenOut: devnet.uniswap.open,
      amountIn: parseUnits('10000', 6),
    })
    const result = await invoke(uniswapSwapTool(parameters()), {
      tokenIn: 'USDC',
      tokenOut: 'OPEN',
      amountIn: '1000',
      expectedAmountOut: quoted.amountOut.formatted,
      slippageBps: 100,
    })
    expect(result.error.code).toBe('SLIPPAGE_EXCEEDED')
    expect(result.error.message).toMatch(
      /^The pool moved: the swap now pays \d+, less than \d+ \(100 bps below/,
    )
  })

  it('answers INSUFFICIENT_BALANCE, NO_ACCOUNT and INVALID_INPUT', async () => {
    const swap = uniswapSwapTool(parameters())
    expect((await invoke(swap, { tokenIn: 'WETH', tokenOut: 'OPEN', amountIn: '1' })).error).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      message: `${devnet.address(TRADER)} holds 0 WETH base units, less than the 1000000000000000000 needed.`,
    })
    const readOnly = uniswapSwapTool({ connection: devnet.env.connection, addresses: devnet.uniswap })
    expect((await invoke(readOnly, { tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '1' })).error.code).toBe(
      'NO_ACCOUNT',
    )
    expect(
      (await invoke(swap, { tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '1', slippageBps: -1 })).error,
    ).toEqual({ code: 'INVALID_INPUT', message: 'slippageBps: must be at least 0' })
    expect((await invoke(swap, { tokenIn: 'USDC', tokenOut: 'NOPE', amountIn: '1' })).error.code).toBe(
      'UNKNOWN_TOKEN',
    )
  })
})
