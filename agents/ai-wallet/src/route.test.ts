import { describe, expect, test } from 'vitest'
import { parseWalletRequest, shortAddresses } from './route.js'

const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const id = `act_${'0a'.repeat(16)}`

describe('parseWalletRequest: a transfer is only an imperative sentence with one amount, its token and one recipient', () => {
  test.each([
    [`Send 5 OPEN to ${to}`, { token: 'OPEN', amount: '5', to }],
    [`send 2.5 open to ${to.toLowerCase()}.`, { token: 'OPEN', amount: '2.5', to }],
    [`Please transfer 0.1 ETH to ${to}!`, { token: 'ETH', amount: '0.1', to }],
    [`pay ${to} 7 USDC`, { token: 'USDC', amount: '7', to }],
    [`Give 1 WETH to ${to} please`, { token: 'WETH', amount: '1', to }],
    [`Send 5 OPEN to 0x${to.slice(2).toUpperCase()}`, { token: 'OPEN', amount: '5', to }],
  ])('a transfer: %s', (message, request) => {
    expect(parseWalletRequest(message)).toEqual({ intent: 'transfer', ...request })
  })

  test.each([
    `Do not send 5 OPEN to ${to}`,
    `How do I send 5 OPEN to ${to}?`,
    `Give my 3 friends at ${to} 5 OPEN each`,
    `Pay invoice 12345 to ${to}`,
    `What happens if I send 5 OPEN to ${to}?`,
    `Send 5 OPEN to ${to}?`,
    `Send 5 OPEN to ${to} if the price drops`,
    `Don't send 5 OPEN to ${to}`,
    `I sent 5 OPEN to ${to} yesterday`,
    `Send 5 OPEN to ${to} and 5 OPEN to ${other}`,
    `Send 5 OPEN to ${to} and ${other}`,
    `Send 5 to ${to}`,
    `Send 5 OPEN and 3 USDC to ${to}`,
    `Never transfer 1 ETH to ${to}`,
    `Send 0,1 ETH to ${to}`,
  ])('never an action: %s', (message) => {
    expect(parseWalletRequest(message).intent).not.toBe('transfer')
  })

  test('says why it refuses', () => {
    const reason = (message: string) => (parseWalletRequest(message) as { reason?: string }).reason
    expect(reason(`Do not send 5 OPEN to ${to}`)).toBe(
      'I move tokens only on a plain instruction such as "Send 5 OPEN to 0x…"; this reads as a negation. Nothing was proposed and nothing was sent.',
    )
    expect(parseWalletRequest(`How do I send 5 OPEN to ${to}?`)).toEqual({ intent: 'explain' })
    expect(reason(`Give my 3 friends at ${to} 5 OPEN each`)).toBe(
      'This is ambiguous: it names 2 amounts (3, 5); I send one amount to one recipient per message. Nothing was proposed and nothing was sent.',
    )
    expect(reason(`Pay invoice 12345 to ${to}`)).toBe(
      '12345 has no token: say which, like "5 OPEN". Nothing was proposed and nothing was sent.',
    )
    expect(reason(`Send 5 to ${to}`)).toBe(
      '5 has no token: say which, like "5 OPEN". Nothing was proposed and nothing was sent.',
    )
    expect(reason(`Send 5 OPEN to ${to} and 5 OPEN to ${other}`)).toBe(
      'This names 2 recipients; I send to exactly one per message. Nothing was proposed and nothing was sent.',
    )
    expect(reason(`Send 5 OPEN to ${to.slice(0, -1)}c`)).toBe(
      `${to.slice(0, -1)}c has mixed case but fails its EIP-55 checksum: a typo is likely, check the address. Nothing was proposed and nothing was sent.`,
    )
    expect(reason('Send 5 OPEN to 0x1234')).toBe(
      '0x1234 is not an address: an address is 0x followed by 40 hex digits. Nothing was proposed and nothing was sent.',
    )
    expect(reason('Send 5 OPEN to Bob')).toBe(
      'Who should I send it to? Give an address: 0x followed by 40 hex digits.',
    )
    expect(reason(`Send OPEN to ${to}`)).toBe('How much should I send? Say it like "Send 5 OPEN to 0x…".')
    expect(reason(`Send -5 OPEN to ${to}`)).toBe(
      'I can only send a positive amount written with digits and a decimal point, not -5. Nothing was proposed and nothing was sent.',
    )
    expect(reason(`Send 0 OPEN to ${to}`)).toContain('not 0.')
    expect(reason(`Send 5 DOGE to ${to}`)).toBe(
      'I cannot send DOGE: I know OPEN, ETH, USDC and WETH. Nothing was proposed and nothing was sent.',
    )
    expect(reason('Send 5 OPEN')).toBe(
      'Who should I send it to? Give an address: 0x followed by 40 hex digits.',
    )
  })
})

describe('parseWalletRequest: confirmations, cancellations and questions', () => {
  test.each([
    [`confirm ${id}`, { intent: 'confirm', id }],
    [`Confirm ${id}.`, { intent: 'confirm', id }],
    [`cancel ${id}`, { intent: 'cancel', id }],
    ["What's my balance?", { intent: 'balances' }],
    ['How much OPEN does my Safe hold?', { intent: 'balances' }],
    ['What is my allowance?', { intent: 'allowance', token: 'OPEN' }],
    ['How much can you spend?', { intent: 'allowance', token: 'OPEN' }],
    ['How much OPEN can you still send today?', { intent: 'allowance', token: 'OPEN' }],
    ['How much USDC may you move?', { intent: 'allowance', token: 'USDC' }],
    ['What is a Safe?', { intent: 'explain' }],
    ['What is a spending limit?', { intent: 'explain' }],
  ])('%s', (message, request) => {
    expect(parseWalletRequest(message)).toEqual(request)
  })

  test('a confirmation names one well-formed id', () => {
    expect(parseWalletRequest('confirm it')).toEqual({
      intent: 'invalid',
      reason:
        'To confirm an action, write "confirm act_…" with the id I gave you (act_ and 32 hex digits), not "it". Nothing was done.',
    })
    expect(parseWalletRequest(`confirm ${id} ${id}`).intent).toBe('invalid')
  })

  test('shortens addresses for the adapter', () => {
    expect(shortAddresses(`Send 5 OPEN to ${to}`)).toBe('Send 5 OPEN to 0x7099…79C8')
  })
})
