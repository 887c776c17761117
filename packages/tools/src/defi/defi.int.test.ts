import { parseEther, parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import { getPoolInfo } from './getPoolInfo.js'
import { getPrice } from './getPrice.js'
import { quoteSwap } from './quoteSwap.js'
import { swapExactIn } from './swapExactIn.js'
import {
  balanceOf,
  constantProductOut,
  LIQUIDITY,
  mintUsdc,
  reservesOf,
  TRADER,
  useUniswapDevnet,
} from './testing.js'

const devnet = useUniswapDevnet()
const connection = () => devnet.env.connection

describe('getPoolInfo', () => {
  it('reports the seeded OPEN/USDC pool in the order asked', async () => {
    const { open, usdc, pairs } = devnet.uniswap
    const pool = await getPoolInfo(connection(), devnet.uniswap, { tokenA: usdc, tokenB: open })
    expect(pool.pair).toBe(pairs.openUsdc)
    expect(pool.tokenA).toEqual({
      address: usdc,
      symbol: 'USDC',
      decimals: 6,
      reserve: parseUnits('500000', 6),
    })
    expect(pool.tokenB).toEqual({
      address: open,
      symbol: 'OPEN',
      decimals: 18,
      reserve: parseEther('1000000'),
    })
    // sqrt(1e24 · 5e11) liquidity tokens, 1,000 of them locked at the zero address.
    expect(pool.totalSupply).toBe(707106781186547524n)
  })

  it('refuses a pair without a pool', async () => {
    const { weth, usdc } = devnet.uniswap
    await expect(
      getPoolInfo(connection(), devnet.uniswap, { tokenA: weth, tokenB: usdc }),
    ).rejects.toMatchObject({
      name: 'NoPoolError',
      code: 'NO_POOL',
    })
  })
})

describe('getPrice', () => {
  it('prices the seeded pools', async () => {
    const { open, weth, usdc } = devnet.uniswap
    const price = (base: `0x${string}`, quote: `0x${string}`) =>
      getPrice(connection(), devnet.uniswap, { base, quote }).then((p) => p.formatted)
    expect(await price(open, usdc)).toBe('0.5')
    expect(await price(usdc, open)).toBe('2')
    expect(await price(open, weth)).toBe('0.0005')
    expect(await price(weth, open)).toBe('2000')
  })

  it('equals reserveOut / reserveIn from getReserves after the pool moved', async () => {
    const { open, usdc, pairs } = devnet.uniswap
    await swapExactIn(connection(), devnet.uniswap, {
      account: devnet.account(TRADER),
      tokenIn: usdc,
      tokenOut: open,
      amountIn: parseUnits('12345.678901', 6),
    })
    const { reserveIn, reserveOut } = await reservesOf(connection(), pairs.openUsdc, open)
    const { price } = await getPrice(connection(), devnet.uniswap, { base: open, quote: usdc })
    expect(price).toBe((reserveOut * 10n ** 18n * 10n ** 18n) / (reserveIn * 10n ** 6n))
  })
})

describe('quoteSwap', () => {
  it('equals x·y = k with the 0.3% fee', async () => {
    const { open, usdc, pairs } = devnet.uniswap
    for (const amountIn of [1n, parseUnits('100', 6), parseUnits('250000', 6)]) {
      const { reserveIn, reserveOut } = await reservesOf(connection(), pairs.openUsdc, usdc)
      const quote = await quoteSwap(connection(), devnet.uniswap, { tokenIn: usdc, tokenOut: open, amountIn })
      expect(quote.amountOut).toBe(constantProductOut(amountIn, reserveIn, reserveOut))
      expect(quote.midAmountOut).toBe((amountIn * reserveOut) / reserveIn)
    }
  })

  it('reports the price impact, the fee included', async () => {
    const { open, usdc } = devnet.uniswap
    const small = await quoteSwap(connection(), devnet.uniswap, {
      tokenIn: usdc,
      tokenOut: open,
      amountIn: parseUnits('100', 6),
    })
    expect(small.amountOut).toBe(199360247566635212938n) // 199.36 OPEN for 100 USDC
    expect(small.priceImpactBps).toBe(32)
    const large = await quoteSwap(connection(), devnet.uniswap, {
      tokenIn: usdc,
      tokenOut: open,
      amountIn: parseUnits('500000', 6),
    })
    // Doubling the USDC reserve pays 997/1997 of the mid amount: 50.075% less.
    expect(large.priceImpactBps).toBe(5008)
  })

  it('refuses an amount of zero', async () => {
    const { open, usdc } = devnet.uniswap
    await expect(
      quoteSwap(connection(), devnet.uniswap, { tokenIn: usdc, tokenOut: open, amountIn: 0n }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidInputError: amountIn: must be more than zero, got 0]`,
    )
  })
})

describe('swapExactIn', () => {
  it('pays exactly the quoted amount and moves the reserves by it', async () => {
    const { open, usdc, pairs } = devnet.uniswap
    const trader = devnet.account(TRADER)
    const amountIn = parseUnits('1000', 6)
    const quote = await quoteSwap(connection(), devnet.uniswap, { tokenIn: usdc, tokenOut: open, amountIn })
    const before = await balanceOf(connection(), open, trader.address)
    const reservesBefore = await reservesOf(connection(), pairs.openUsdc, usdc)
    const swap = await swapExactIn(connection(), devnet.uniswap, {
      account: trader,
      tokenIn: usdc,
      tokenOut: open,
      amountIn,
      expectedAmountOut: quote.amountOut,
      slippageBps: 50,
    })
    expect(swap.amountOut).toBe(quote.amountOut)
    expect(swap.amountOutMin).toBe((quote.amountOut * 9950n) / 10_000n)
    expect(swap.approvalHash).toBeDefined()
    expect((await balanceOf(connection(), open, trader.address)) - before).toBe(quote.amountOut)
    expect(await reservesOf(connection(), pairs.openUsdc, usdc)).toEqual({
      reserveIn: reservesBefore.reserveIn + amountIn,
      reserveOut: reservesBefore.reserveOut - quote.amountOut,
    })
    const { timestamp } = await connection().publicClient.getBlock()
    expect(swap.deadline).toBeGreaterThan(timestamp)
  })

  it('refuses when another swap moved the pool beyond the slippage bound', async () => {
    const { open, usdc } = devnet.uniswap
    const amountIn = parseUnits('1000', 6)
    const quote = await quoteSwap(connection(), devnet.uniswap, { tokenIn: usdc, tokenOut: open, amountIn })
    // Another account buys OPEN first with 5,000 USDC (1% of the pool): the price moves about 2%.
    await mintUsdc(devnet, devnet.address(LIQUIDITY), parseUnits('5000', 6))
    await swapExactIn(connection(), devnet.uniswap, {
      account: devnet.account(LIQUIDITY),
      tokenIn: usdc,
      tokenOut: open,
      amountIn: parseUnits('5000', 6),
    })
    const trader = devnet.account(TRADER)
    const usdcBefore = await balanceOf(connection(), usdc, trader.address)
    const attempt = swapExactIn(connection(), devnet.uniswap, {
      account: trader,
      tokenIn: usdc,
      tokenOut: open,
      amountIn,
      expectedAmountOut: quote.amountOut,
      slippageBps: 50,
    })
    await expect(attempt).rejects.toMatchObject({
      name: 'SlippageExceededError',
      code: 'SLIPPAGE_EXCEEDED',
      expected: quote.amountOut,
      minimum: (quote.amountOut * 9950n) / 10_000n,
    })
    expect(await balanceOf(connection(), usdc, trader.address)).toBe(usdcBefore)
    // A wider bound accepts the moved pool.
    const wide = await swapExactIn(connection(), devnet.uniswap, {
      account: trader,
      tokenIn: usdc,
      tokenOut: open,
      amountIn,
      expectedAmountOut: quote.amountOut,
      slippageBps: 300,
    })
    expect(wide.amountOut).toBeLessThan(quote.amountOut)
  })

  it('refuses more than the balance, and a slippage bound out of range', async () => {
    const { open, usdc } = devnet.uniswap
    const account = devnet.account(TRADER)
    await expect(
      swapExactIn(connection(), devnet.uniswap, {
        account,
        tokenIn: usdc,
        tokenOut: open,
        amountIn: parseUnits('100001', 6),
      }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InsufficientBalanceError: 0x14dC79964da2C08b23698B3D3cc7Ca32193d9955 holds 100000000000 USDC base units, less than the 100001000000 needed.]`,
    )
    await expect(
      swapExactIn(connection(), devnet.uniswap, {
        account,
        tokenIn: usdc,
        tokenOut: open,
        amountIn: 1n,
        slippageBps: 10_001,
      }),
    ).rejects.toMatchObject({ name: 'InvalidInputError', field: 'slippageBps' })
  })
})
