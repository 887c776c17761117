import { type Receipt, type ReceiptStatus, receiptToJson } from '@openledger/attribution'
import { getAddress, type Hex, keccak256, pad, parseEther, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { attributionLookupTool } from './attributionLookupTool.js'

const alice = getAddress(pad('0xa11ce', { size: 20 }))
const bob = getAddress(pad('0xb0b', { size: 20 }))
const rowId = (n: number) => pad(toHex(n), { size: 32 })
const receipt: Receipt = {
  requestId: keccak256(toHex('request 1')),
  agentId: 'defi-assistant',
  adapters: [{ id: 'defi-answer', sha256: keccak256(toHex('adapter')) }],
  responseHash: keccak256(toHex('1 OPEN = 0.5 USDC.')),
  fee: parseEther('0.01'),
  payer: getAddress(pad('0xca11e4', { size: 20 })),
  timestamp: 1_800_000_000n,
  noEvidence: false,
  contributions: [
    { datanetId: 1n, rowId: rowId(1), contributor: alice, weight: parseEther('0.5'), method: 'span' },
    { datanetId: 1n, rowId: rowId(2), contributor: bob, weight: parseEther('0.25'), method: 'retrieval' },
    { datanetId: 1n, rowId: rowId(3), contributor: alice, weight: parseEther('0.25'), method: 'retrieval' },
  ],
}

// The ledger is a map (settlement's getReceiptStatus is injected in a stack); the receipt is metered, as the
// gateway leaves it, under the id settlement gives it.
const receiptId = receiptToJson(receipt).id as Hex
const metered: ReceiptStatus = {
  receipt,
  agentId: 3n,
  status: 'metered',
  epoch: undefined,
  receiptsRoot: undefined,
  proof: undefined,
}
const ledger = new Map([[receiptId, metered]])
const getReceiptStatus = async (id: Hex) => ledger.get(id)

describe('attribution_lookup', () => {
  test('answers a metered receipt with its contributors summed per address and its rows', async () => {
    const lookup = attributionLookupTool({ getReceiptStatus })
    const output = JSON.parse(await lookup.invoke({ receiptId }))
    expect(output).toMatchObject({
      receiptId,
      agentId: '3',
      status: 'metered',
      epoch: null,
      fee: { raw: '10000000000000000', formatted: '0.01', symbol: 'OPEN' },
      noEvidence: false,
      contributors: [
        { contributor: alice, weight: parseEther('0.75').toString(), share: '0.75' },
        { contributor: bob, weight: parseEther('0.25').toString(), share: '0.25' },
      ],
    })
    expect(output.rows).toHaveLength(3)
    expect(output.rows[0]).toEqual({
      datanetId: '1',
      rowId: rowId(1),
      contributor: alice,
      weight: parseEther('0.5').toString(),
      method: 'span',
    })
    expect(output).not.toHaveProperty('proof')
  })

  test('answers a malformed or unknown id as an error', async () => {
    const lookup = attributionLookupTool({ getReceiptStatus })
    expect(JSON.parse(await lookup.invoke({ receiptId: '0x1234' }))).toEqual({
      error: { code: 'INVALID_INPUT', message: "receiptId must be 0x and 64 hex digits, got '0x1234'" },
    })
    const unknown = rowId(99)
    expect(JSON.parse(await lookup.invoke({ receiptId: unknown }))).toEqual({
      error: { code: 'UNKNOWN_RECEIPT', message: `no receipt ${unknown} in this ledger` },
    })
  })

  test('answers a failed ledger read as an error', async () => {
    const lookup = attributionLookupTool({
      getReceiptStatus: async () => {
        throw new Error('connection refused')
      },
    })
    expect(JSON.parse(await lookup.invoke({ receiptId }))).toEqual({
      error: { code: 'STORE_ERROR', message: 'connection refused' },
    })
  })
})
