import { describe, expect, test } from 'vitest'
import { parseDefiRequest } from './route.js'

describe('parseDefiRequest', () => {
  test.each([
    ["what's the price of OPEN in USDC", { intent: 'price', base: 'OPEN', quote: 'USDC' }],
    ['What is OPEN worth in WETH?', { intent: 'price', base: 'OPEN', quote: 'WETH' }],
    ['How much OPEN is one WETH?', { intent: 'price', base: 'WETH', quote: 'OPEN' }],
    ['What does ETH cost in OPEN?', { intent: 'price', base: 'WETH', quote: 'OPEN' }],
    ['How much is OPEN?', { intent: 'price', base: 'OPEN', quote: 'USDC' }],
    ['price of usdc', { intent: 'price', base: 'USDC', quote: 'OPEN' }],
  ])('a price: %s', (question, request) => {
    expect(parseDefiRequest(question)).toEqual(request)
  })

  test.each([
    ['How much OPEN do I get for 100 USDC?', { tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '100' }],
    ['Quote me 1000 OPEN to WETH', { tokenIn: 'OPEN', tokenOut: 'WETH', amountIn: '1000' }],
    [
      'If I swap 1.5 WETH for OPEN, how much do I get?',
      { tokenIn: 'WETH', tokenOut: 'OPEN', amountIn: '1.5' },
    ],
    ['What would 500 USDC get me in OPEN?', { tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '500' }],
    ['how many open can I buy with 20 usdc', { tokenIn: 'USDC', tokenOut: 'OPEN', amountIn: '20' }],
    ['swap 0,5 eth into open', { tokenIn: 'WETH', tokenOut: 'OPEN', amountIn: '0.5', swap: true }],
  ])('a quote: %s', (question, request) => {
    expect(parseDefiRequest(question)).toEqual({ intent: 'quote', ...request })
  })

  test.each([
    ['Tell me about the OPEN USDC pool', { tokenA: 'OPEN', tokenB: 'USDC' }],
    ['Show the reserves of the WETH pool', { tokenA: 'OPEN', tokenB: 'WETH' }],
    ['How much liquidity does the OPEN/WETH pool have?', { tokenA: 'OPEN', tokenB: 'WETH' }],
  ])('a pool: %s', (question, request) => {
    expect(parseDefiRequest(question)).toEqual({ intent: 'pool', ...request })
  })

  test.each(['What is slippage?', 'What is a liquidity pool?', 'What is the OPEN token?', 'Hello'])(
    'a question to explain: %s',
    (question) => {
      expect(parseDefiRequest(question)).toEqual({ intent: 'explain' })
    },
  )

  test('names what is wrong with questions it cannot serve', () => {
    expect(parseDefiRequest('  ')).toEqual({
      intent: 'invalid',
      reason: 'The question is empty. Ask me for a price, a quote or a pool.',
    })
    expect(parseDefiRequest('What is the price of DOGE in USDC?')).toEqual({
      intent: 'invalid',
      reason: 'I cannot price DOGE: the pools here trade only OPEN, WETH, USDC.',
    })
    expect(parseDefiRequest('How much USDC for 10 SHIB?')).toEqual({
      intent: 'invalid',
      reason: 'I cannot price SHIB: the pools here trade only OPEN, WETH, USDC.',
    })
    expect(parseDefiRequest('swap 5 OPEN for OPEN')).toEqual({
      intent: 'invalid',
      reason: 'Swapping OPEN for OPEN does nothing: name two different tokens.',
    })
  })
})
