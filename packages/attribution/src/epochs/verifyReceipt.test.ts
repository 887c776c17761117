import { getAddress, type Hex, isAddress, isHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { receiptFromJson } from '../receipts/receiptFromJson.js'
import { receiptToJson } from '../receipts/receiptToJson.js'
import { sampleReceipt, sampleReceiptV2 } from '../receipts/testing/sampleReceipt.js'
import type { Receipt, ReceiptAdapter, ReceiptContribution, ReceiptV2 } from '../receipts/types.js'
import { buildEpoch } from './buildEpoch.js'
import { verifyReceipt } from './verifyReceipt.js'

type Path = (string | number)[]

/** Every scalar in a value, with its path: new fields of a receipt are picked up without touching this test. */
function* scalars(value: unknown, path: Path = []): Generator<Path> {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* scalars(v, [...path, i])
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* scalars(v, [...path, k])
  else yield path
}

function changed(value: unknown): unknown {
  if (typeof value === 'bigint') return value + 1n
  if (typeof value === 'number') return value + 1
  if (typeof value === 'boolean') return !value
  if (typeof value === 'string' && isAddress(value, { strict: false }))
    return getAddress(flipLastNibble(value))
  if (typeof value === 'string' && isHex(value) && value.length > 2) return flipLastNibble(value)
  if (typeof value === 'string') return `${value}x`
  throw new Error(`no mutation for ${typeof value}`)
}

function flipLastNibble(hex: string): Hex {
  const last = Number.parseInt(hex.slice(-1), 16)
  return `${hex.slice(0, -1)}${((last + 1) % 16).toString(16)}` as Hex
}

function withChange(receipt: Receipt, path: Path, change: (v: unknown) => unknown): Receipt {
  const copy = structuredClone(receipt) as unknown as Record<string | number, unknown>
  let target = copy
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
  const last = path.at(-1)!
  target[last] = change(target[last])
  return copy as unknown as Receipt
}

// Compile-time list of every field: adding a field to a receipt type fails here until it is listed (and the
// sample receipt, which must then fill it, makes the walker mutate it).
const fields = {
  receipt: [
    'requestId',
    'agentId',
    'adapters',
    'responseHash',
    'fee',
    'payer',
    'timestamp',
    'noEvidence',
    'contributions',
    'version',
    'chainId',
    'feeRouter',
    'baseModel',
    'kind',
  ],
  adapter: ['id', 'sha256'],
  contribution: ['datanetId', 'rowId', 'contributor', 'weight', 'method'],
} satisfies {
  receipt: (keyof ReceiptV2)[]
  adapter: (keyof ReceiptAdapter)[]
  contribution: (keyof ReceiptContribution)[]
}

describe.each([
  ['version 1', sampleReceipt()],
  ['version 2', sampleReceiptV2()],
] as [string, Receipt][])('verifyReceipt, %s', (_, receipt) => {
  const other = sampleReceipt({ noEvidence: true, contributions: [], requestId: `0x${'ab'.repeat(32)}` })
  const epoch = buildEpoch({ epoch: 1n, receipts: [receipt, other], contributorShareBps: 5000 })
  const json = receiptToJson(receipt)
  const proof = epoch.proofOf(json.id)

  test('a receipt verifies against its epoch root, also after a JSON round trip and in any order', () => {
    expect(verifyReceipt(receipt, proof, epoch.receiptsRoot)).toBe(true)
    expect(verifyReceipt(receiptFromJson(JSON.parse(JSON.stringify(json))), proof, epoch.receiptsRoot)).toBe(
      true,
    )
    const reordered = { ...receipt, contributions: [...receipt.contributions].reverse() }
    expect(verifyReceipt(reordered, proof, epoch.receiptsRoot)).toBe(true)
    expect(verifyReceipt(other, epoch.proofOf(receiptToJson(other).id), epoch.receiptsRoot)).toBe(true)
  })

  test('changing any field of it makes verification fail', () => {
    const paths = [...scalars(receipt)]
    const covered = new Set(paths.map((p) => p.filter((k) => typeof k === 'string').join('.')))
    const v2Only = ['version', 'chainId', 'feeRouter', 'baseModel', 'kind']
    for (const f of fields.receipt.filter((f) => f !== 'adapters' && f !== 'contributions'))
      if (receipt.version === 2 || !v2Only.includes(f)) expect(covered).toContain(f)
    for (const f of fields.adapter) expect(covered).toContain(`adapters.${f}`)
    for (const f of fields.contribution) expect(covered).toContain(`contributions.${f}`)
    for (const path of paths) {
      const tampered = withChange(receipt, path, changed)
      expect(verifyReceipt(tampered, proof, epoch.receiptsRoot), path.join('.')).toBe(false)
    }
  })

  test('changes that keep the receipt valid still fail: moving a wei, swapping methods, dropping an adapter', () => {
    const [a, b, c] = receipt.contributions as [ReceiptContribution, ReceiptContribution, ReceiptContribution]
    const moved = {
      ...receipt,
      contributions: [{ ...a, weight: a.weight - 1n }, { ...b, weight: b.weight + 1n }, c],
    }
    const swapped = { ...receipt, contributions: [{ ...a, method: b.method }, { ...b, method: a.method }, c] }
    const fewer = { ...receipt, adapters: receipt.adapters.slice(1) }
    const {
      version: _v,
      chainId: _c,
      feeRouter: _f,
      baseModel: _b,
      kind: _k,
      ...common
    } = receipt as ReceiptV2
    const otherVersion: Receipt = receipt.version === 2 ? common : { ...sampleReceiptV2(), ...common }
    const otherKind: ReceiptV2 = { ...sampleReceiptV2(), ...common, kind: 'action' }
    for (const tampered of [moved, swapped, fewer, otherVersion, otherKind])
      expect(verifyReceipt(tampered, proof, epoch.receiptsRoot)).toBe(false)
  })

  test('a wrong proof, root or malformed input is false, never a throw', () => {
    expect(verifyReceipt(receipt, [], epoch.receiptsRoot)).toBe(false)
    expect(verifyReceipt(receipt, proof, epoch.payoutsRoot)).toBe(false)
    expect(verifyReceipt(receipt, ['0x12'], epoch.receiptsRoot)).toBe(false)
    expect(verifyReceipt({ ...receipt, fee: 'one' as never }, proof, epoch.receiptsRoot)).toBe(false)
  })
})
