import { describe, expect, test } from 'vitest'
import { parseWalletRequest, shortAddresses } from './route.js'

const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

describe('parseWalletRequest', () => {
  test.each([
    [`Send 5 OPEN to ${to}`, { token: 'OPEN', amount: '5', to }],
    [`send 2.5 open to ${to.toLowerCase()}.`, { token: 'OPEN', amount: '2.5', to }],
    [`Please transfer 0,1 ETH to ${to}!`, { token: 'ETH', amount: '0.1', to }],
    [`pay ${to} 7 USDC`, { token: 'USDC', amount: '7', to }],
    [`Send 3 to ${to}`, { token: 'OPEN', amount: '3', to }],
  ])('a transfer: %s', (message, request) => {
    expect(parseWalletRequest(message)).toEqual({ intent: 'transfer', ...request })
  })

  test.each([
    ["What's my balance?", { intent: 'balances' }],
    ['How much OPEN does my Safe hold?', { intent: 'balances' }],
    ['What is my allowance?', { intent: 'allowance', token: 'OPEN' }],
    ['How much can you spend?', { intent: 'allowance', token: 'OPEN' }],
    ['How much OPEN can you still send today?', { intent: 'allowance', token: 'OPEN' }],
    ['How much USDC may you move?', { intent: 'allowance', token: 'USDC' }],
    ['What is a Safe?', { intent: 'explain' }],
    ['What is a threshold?', { intent: 'explain' }],
    ['What is a spending limit?', { intent: 'explain' }],
  ])('%s', (message, request) => {
    expect(parseWalletRequest(message)).toEqual(request)
  })

  test('names what is wrong with a transfer it cannot make', () => {
    expect(parseWalletRequest('Send 5 OPEN to 0x1234')).toEqual({
      intent: 'invalid',
      reason: '0x1234 is not an address: an address is 0x followed by 40 hex digits. Nothing was sent.',
    })
    expect(parseWalletRequest(`Send 5 OPEN to ${to.slice(0, -1)}Z`)).toMatchObject({
      intent: 'invalid',
      reason: expect.stringContaining('is not an address'),
    })
    expect(parseWalletRequest('Send 5 OPEN to Bob')).toEqual({
      intent: 'invalid',
      reason: 'Bob is not an address: an address is 0x followed by 40 hex digits. Nothing was sent.',
    })
    expect(parseWalletRequest(`Send OPEN to ${to}`)).toEqual({
      intent: 'invalid',
      reason: 'How much should I send? Say it like "Send 5 OPEN to 0x…".',
    })
    expect(parseWalletRequest(`Send -5 OPEN to ${to}`)).toEqual({
      intent: 'invalid',
      reason: 'I can only send a positive amount, not -5. Nothing was sent.',
    })
    expect(parseWalletRequest(`Send 5 DOGE to ${to}`)).toEqual({
      intent: 'invalid',
      reason: 'I cannot send DOGE: I know OPEN, ETH, USDC and WETH. Nothing was sent.',
    })
    expect(parseWalletRequest('Send 5 OPEN')).toEqual({
      intent: 'invalid',
      reason: 'Who should I send it to? Give an address: 0x followed by 40 hex digits.',
    })
  })

  test('shortens addresses for the adapter', () => {
    expect(shortAddresses(`Send 5 OPEN to ${to}`)).toBe('Send 5 OPEN to 0x7099…79C8')
  })
})
