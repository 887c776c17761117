import type { PostEpochCall } from '@openledger/staking'
import { getAddress, zeroHash } from 'viem'
import { describe, expect, it } from 'vitest'
import { compareEpochCalls } from './compareEpochCalls.js'

const payer = (i: number) => getAddress(`0x${i.toString(16).padStart(40, '0')}`)
const honest: PostEpochCall = {
  epoch: 3n,
  receiptsRoot: `0x${'11'.repeat(32)}`,
  payoutsRoot: `0x${'22'.repeat(32)}`,
  charges: [
    { payer: payer(1), amount: 100n },
    { payer: payer(2), amount: 50n },
  ],
  agents: [{ agentId: 1n, fees: 150n }],
  adapterCreators: [{ creator: payer(9), amount: 15n }],
  contributorsPaid: 60n,
}

describe('compareEpochCalls', () => {
  it('finds nothing when the calls agree, whatever the order or the address case', () => {
    const reordered = {
      ...honest,
      receiptsRoot: honest.receiptsRoot.toUpperCase().replace('0X', '0x') as `0x${string}`,
      charges: [...honest.charges].reverse().map((c) => ({ ...c, payer: c.payer.toLowerCase() as never })),
    }
    expect(compareEpochCalls(reordered, honest)).toEqual([])
  })

  it('names a payer charged who has no receipt, and a payer overcharged', () => {
    const tampered = {
      ...honest,
      charges: [
        ...honest.charges.map((c) => ({ ...c, amount: c.amount + 1n })),
        { payer: payer(3), amount: 7n },
      ],
    }
    expect(compareEpochCalls(tampered, honest)).toEqual([
      { field: 'charge', key: payer(1), posted: '101', expected: '100' },
      { field: 'charge', key: payer(2), posted: '51', expected: '50' },
      { field: 'charge', key: payer(3), posted: '7', expected: '0' },
    ])
  })

  it('names a swapped payouts root, moved agent fees, a changed adapter payee and contributorsPaid', () => {
    const tampered: PostEpochCall = {
      ...honest,
      payoutsRoot: zeroHash,
      agents: [
        { agentId: 1n, fees: 100n },
        { agentId: 2n, fees: 50n },
      ],
      adapterCreators: [{ creator: payer(8), amount: 15n }],
      contributorsPaid: 0n,
    }
    expect(compareEpochCalls(tampered, honest)).toEqual([
      { field: 'payoutsRoot', posted: zeroHash, expected: honest.payoutsRoot },
      { field: 'agentFees', key: '1', posted: '100', expected: '150' },
      { field: 'agentFees', key: '2', posted: '50', expected: '0' },
      { field: 'adapterCreator', key: payer(8), posted: '15', expected: '0' },
      { field: 'adapterCreator', key: payer(9), posted: '0', expected: '15' },
      { field: 'contributorsPaid', posted: '0', expected: '60' },
    ])
  })
})
