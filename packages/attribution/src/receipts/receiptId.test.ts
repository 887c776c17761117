import fc from 'fast-check'
import { decodeAbiParameters, keccak256 } from 'viem'
import { describe, expect, test } from 'vitest'
import { canonicalReceipt } from './canonicalReceipt.js'
import { encodeReceipt } from './encodeReceipt.js'
import { receiptId } from './receiptId.js'
import { receiptArbitrary } from './testing/receiptArbitrary.js'
import { sampleReceipt } from './testing/sampleReceipt.js'
import { receiptV1AbiParameters } from './types.js'

describe('receiptId', () => {
  test('is keccak256 of the ABI encoding, stable across releases', () => {
    const receipt = sampleReceipt()
    expect(receiptId(receipt)).toBe(keccak256(encodeReceipt(receipt)))
    // A change here changes every version 1 receipt id: a new encoding is a new version, never an edit here.
    expect(receiptId(receipt)).toMatchInlineSnapshot(
      `"0xe070ca2b1df42f097fc4bbf2d7c84f7b929df618143dc9eab34ac5bcd7ed2a4d"`,
    )
  })

  test('the encoding decodes as the documented Solidity struct, version first, canonical order', () => {
    const receipt = sampleReceipt()
    const [decoded] = decodeAbiParameters(receiptV1AbiParameters, encodeReceipt(receipt))
    expect(decoded.version).toBe(1)
    const { version: _, ...fields } = decoded
    expect({ ...fields, adapters: [...fields.adapters], contributions: [...fields.contributions] }).toEqual(
      canonicalReceipt(receipt),
    )
  })

  test('is canonical: order of contributions and adapters, and hex case, do not matter', () => {
    fc.assert(
      fc.property(receiptArbitrary(), (receipt) => {
        const shuffled = {
          ...receipt,
          requestId: receipt.requestId.toUpperCase().replace('0X', '0x') as typeof receipt.requestId,
          adapters: [...receipt.adapters].reverse(),
          contributions: [...receipt.contributions].reverse(),
        }
        expect(receiptId(shuffled)).toBe(receiptId(receipt))
      }),
    )
  })
})

describe('invalid receipts', () => {
  const base = sampleReceipt()
  const [first, second, third] = base.contributions as [
    (typeof base.contributions)[0],
    (typeof base.contributions)[0],
    (typeof base.contributions)[0],
  ]

  test('weights must sum to exactly 1e18', () => {
    const receipt = { ...base, contributions: [first, second, { ...third, weight: third.weight - 1n }] }
    expect(() => receiptId(receipt)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: contributions weights sum to 999999999999999999, not 1e18 (set noEvidence when there are none).]`,
    )
  })

  test('hashes must be 32 bytes', () => {
    expect(() => receiptId({ ...base, responseHash: '0x1234' })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: responseHash is 0x1234, not 32 bytes of hex.]`,
    )
  })

  test('addresses must be checksummed', () => {
    const payer = base.payer.toLowerCase() as typeof base.payer
    expect(() => receiptId({ ...base, payer })).toThrow(expect.objectContaining({ field: 'payer' }))
  })

  test('no evidence means no contributions', () => {
    expect(() => receiptId({ ...base, noEvidence: true })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: contributions must be empty when noEvidence is true.]`,
    )
    expect(receiptId({ ...base, noEvidence: true, contributions: [] })).toMatch(/^0x[0-9a-f]{64}$/)
  })

  test('each field is checked', () => {
    const cases: [string, unknown][] = [
      ['agentId', { ...base, agentId: '' }],
      ['adapters', { ...base, adapters: [...base.adapters, base.adapters[0]] }],
      ['fee', { ...base, fee: -1n }],
      ['timestamp', { ...base, timestamp: 2n ** 64n }],
      ['contributions.0.weight', { ...base, contributions: [{ ...first, weight: 0n }, second, third] }],
      ['contributions', { ...base, contributions: [first, { ...first, weight: second.weight }, third] }],
      ['contributions.1.method', { ...base, contributions: [first, { ...second, method: '' }, third] }],
    ]
    for (const [field, receipt] of cases)
      expect(() => receiptId(receipt as never), field).toThrow(
        expect.objectContaining({ name: 'InvalidReceiptError', field }),
      )
  })
})
