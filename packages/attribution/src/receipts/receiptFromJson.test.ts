import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canonicalReceipt } from './canonicalReceipt.js'
import { receiptFromJson } from './receiptFromJson.js'
import { receiptId } from './receiptId.js'
import { receiptToJson } from './receiptToJson.js'
import { receiptArbitrary } from './testing/receiptArbitrary.js'
import { sampleReceipt } from './testing/sampleReceipt.js'

describe('receipt JSON', () => {
  test('round trips through JSON text, bigints as decimal strings', () => {
    fc.assert(
      fc.property(receiptArbitrary(), (receipt) => {
        const json = receiptToJson(receipt)
        expect(json.id).toBe(receiptId(receipt))
        expect(receiptFromJson(JSON.parse(JSON.stringify(json)))).toEqual(canonicalReceipt(receipt))
      }),
    )
    expect(receiptToJson(sampleReceipt()).fee).toBe('10000000000000000')
  })

  test('a tampered receipt with its old id is rejected', () => {
    const json = receiptToJson(sampleReceipt())
    expect(() => receiptFromJson({ ...json, fee: '1' })).toThrow(
      expect.objectContaining({ name: 'ReceiptIdMismatchError' }),
    )
    const { id: _, ...withoutId } = json
    expect(receiptFromJson({ ...withoutId, fee: '1' }).fee).toBe(1n)
  })

  test('bad JSON names the field', () => {
    const json = receiptToJson(sampleReceipt())
    expect(() => receiptFromJson({ ...json, timestamp: 12 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: timestamp is invalid: Invalid input: expected string, received number.]`,
    )
    const contributions = json.contributions.map((c, i) => (i === 1 ? { ...c, weight: '1.5' } : c))
    expect(() => receiptFromJson({ ...json, contributions })).toThrow(
      expect.objectContaining({ name: 'InvalidReceiptError', field: 'contributions.1.weight' }),
    )
    expect(() => receiptFromJson('nope')).toThrow(expect.objectContaining({ name: 'InvalidReceiptError' }))
  })

  test('addresses in JSON may be any case; the receipt gets checksummed ones', () => {
    const json = receiptToJson(sampleReceipt())
    expect(receiptFromJson({ ...json, payer: json.payer.toLowerCase() }).payer).toBe(sampleReceipt().payer)
  })
})
