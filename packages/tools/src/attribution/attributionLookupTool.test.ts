import type { Receipt } from '@openledger/attribution'
import { recordUsage } from '@openledger/settlement'
import { openStore, type Store } from '@openledger/store'
import { getAddress, keccak256, pad, parseEther, toHex } from 'viem'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { attributionLookupTool } from './attributionLookupTool.js'

const alice = getAddress(pad('0xa11ce', { size: 20 }))
const bob = getAddress(pad('0xb0b', { size: 20 }))
const ledger = { chainId: 31337, feeRouter: getAddress(pad('0xfee', { size: 20 })) }
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

// The store is the real one (SQLite in memory, all migrations); the receipt is metered as the gateway does.
let store: Store
beforeEach(async () => {
  store = await openStore({ databaseUrl: ':memory:' })
})
afterEach(async () => {
  await store.close()
})

describe('attribution_lookup', () => {
  test('answers a metered receipt with its contributors summed per address and its rows', async () => {
    const { receiptId } = await recordUsage(store, ledger, { receipt, agentId: 3n })
    const lookup = attributionLookupTool({ store, ledger })
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
    const lookup = attributionLookupTool({ store, ledger })
    expect(JSON.parse(await lookup.invoke({ receiptId: '0x1234' }))).toEqual({
      error: { code: 'INVALID_INPUT', message: "receiptId must be 0x and 64 hex digits, got '0x1234'" },
    })
    const unknown = rowId(99)
    expect(JSON.parse(await lookup.invoke({ receiptId: unknown }))).toEqual({
      error: { code: 'UNKNOWN_RECEIPT', message: `no receipt ${unknown} in this ledger` },
    })
  })
})
