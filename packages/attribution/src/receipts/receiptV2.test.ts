import { decodeAbiParameters, getAddress, keccak256, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { canonicalReceipt } from './canonicalReceipt.js'
import { encodeReceipt } from './encodeReceipt.js'
import { receiptFromJson } from './receiptFromJson.js'
import { receiptId } from './receiptId.js'
import { receiptToJson } from './receiptToJson.js'
import { sampleReceipt, sampleReceiptV2 } from './testing/sampleReceipt.js'
import { RECEIPT_VERSION, type ReceiptV2, receiptV2AbiParameters } from './types.js'

describe('version 2 receipts', () => {
  const receipt = sampleReceiptV2()

  test('are what new receipts are; the id is keccak256 of the version 2 encoding, stable across releases', () => {
    expect(RECEIPT_VERSION).toBe(2)
    expect(receiptId(receipt)).toBe(keccak256(encodeReceipt(receipt)))
    // A change here changes every version 2 receipt id: a new encoding is a new version, never an edit here.
    expect(receiptId(receipt)).toMatchInlineSnapshot(
      `"0x2ec0497d46224b35e61ec8f925a36f5981b5195d4c87d2cdd1d1d1dddf25caf9"`,
    )
  })

  test('the encoding decodes as the documented Solidity struct, version 2 first, canonical order', () => {
    const [decoded] = decodeAbiParameters(receiptV2AbiParameters, encodeReceipt(receipt))
    expect(decoded.version).toBe(2)
    expect({
      ...decoded,
      adapters: [...decoded.adapters],
      contributions: [...decoded.contributions],
    }).toEqual(canonicalReceipt(receipt))
  })

  test('every version 2 field changes the id, and so does the version itself', () => {
    const other = getAddress('0x00000000000000000000000000000000000fee01')
    const changes: Partial<ReceiptV2>[] = [
      { chainId: receipt.chainId + 1n },
      { feeRouter: other },
      { baseModel: `0x${'ab'.repeat(32)}` },
      { kind: 'fine-tune' },
      { kind: 'action' },
    ]
    const ids = new Set([receiptId(receipt), ...changes.map((c) => receiptId({ ...receipt, ...c }))])
    expect(ids.size).toBe(changes.length + 1)
    expect(receiptId(sampleReceipt())).not.toBe(receiptId(receipt))
  })

  test('round trips through JSON text, which names its version', () => {
    const json = receiptToJson(receipt)
    expect(json).toMatchObject({ version: 2, chainId: '31337', feeRouter: receipt.feeRouter, kind: 'answer' })
    expect(json.id).toBe(receiptId(receipt))
    expect(receiptFromJson(JSON.parse(JSON.stringify(json)))).toEqual(canonicalReceipt(receipt))
    expect(receiptFromJson({ ...json, feeRouter: json.feeRouter.toLowerCase() })).toMatchObject({
      feeRouter: receipt.feeRouter,
    })
    expect(() => receiptFromJson({ ...json, chainId: '1' })).toThrow(
      expect.objectContaining({ name: 'ReceiptIdMismatchError' }),
    )
  })

  test('a version 1 receipt keeps its form: no version key in its object or its JSON', () => {
    const v1 = sampleReceipt()
    expect('version' in canonicalReceipt({ ...v1, version: 1 })).toBe(false)
    expect(receiptId({ ...v1, version: 1 })).toBe(receiptId(v1))
    expect('version' in receiptToJson(v1)).toBe(false)
    expect(receiptFromJson({ ...receiptToJson(v1), version: 1 })).toEqual(canonicalReceipt(v1))
  })
})

describe('invalid version 2 receipts', () => {
  const base = sampleReceiptV2()

  test('bad values are named clearly', () => {
    expect(() => receiptId({ ...base, kind: 'refund' as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: kind is refund; expected one of answer, fine-tune, action.]`,
    )
    const lower = base.feeRouter.toLowerCase() as typeof base.feeRouter
    expect(() => receiptId({ ...base, feeRouter: lower })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: feeRouter is 0x0000000000000000000000000000000000000fee, not a checksummed address.]`,
    )
    expect(() => receiptId({ ...base, chainId: 2n ** 64n })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: chainId is 18446744073709551616, not a bigint in [1, 18446744073709551616).]`,
    )
    expect(() => receiptId({ ...base, version: 3 as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: version is 3; expected 1 or 2.]`,
    )
  })

  test('each field is checked', () => {
    const cases: [string, unknown][] = [
      ['chainId', { ...base, chainId: 0n }],
      ['chainId', { ...base, chainId: 1 }],
      ['feeRouter', { ...base, feeRouter: zeroAddress }],
      ['feeRouter', { ...base, feeRouter: undefined }],
      ['baseModel', { ...base, baseModel: '0x1234' }],
      ['baseModel', { ...base, baseModel: undefined }],
      ['kind', { ...base, kind: undefined }],
      ['payer', { ...base, payer: base.payer.toLowerCase() }],
      ['contributions', { ...base, noEvidence: true }],
    ]
    for (const [field, receipt] of cases)
      expect(() => receiptId(receipt as never), field).toThrow(
        expect.objectContaining({ name: 'InvalidReceiptError', field }),
      )
  })

  test('bad JSON names the field', () => {
    const json = receiptToJson(base)
    const cases: [string, unknown][] = [
      ['kind', { ...json, kind: 'refund' }],
      ['chainId', { ...json, chainId: 31337 }],
      ['chainId', { ...json, chainId: '0' }],
      ['feeRouter', { ...json, feeRouter: '0x1234' }],
      ['baseModel', { ...json, baseModel: '0x1234' }],
      ['version', { ...json, version: 3 }],
      ['version', { ...json, version: '2' }],
      ['chainId', { ...receiptToJson(sampleReceipt()), chainId: '31337' }],
    ]
    for (const [field, value] of cases)
      expect(() => receiptFromJson(value), field).toThrow(
        expect.objectContaining({ name: 'InvalidReceiptError', field }),
      )
    expect(() => receiptFromJson({ ...json, kind: 'refund' })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: kind is invalid: Invalid option: expected one of "answer"|"fine-tune"|"action".]`,
    )
    expect(() =>
      receiptFromJson({ ...receiptToJson(sampleReceipt()), chainId: '31337' }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidReceiptError: Invalid receipt: chainId is invalid: a version 2 field in a receipt without version 2.]`,
    )
  })
})
