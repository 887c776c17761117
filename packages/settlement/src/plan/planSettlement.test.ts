import { receiptId, verifyReceipt } from '@openledger/attribution'
import { receiptArbitrary, sampleReceipt } from '@openledger/attribution/testing'
import fc from 'fast-check'
import { type Address, getAddress, type Hex, pad, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { planSettlement } from './planSettlement.js'

const addr = (n: number): Address => getAddress(pad(toHex(n), { size: 20 }))
const requestId = (n: number): Hex => pad(toHex(n), { size: 32 })
const treasury = addr(0x7)
const splits = {
  contributors: 4000,
  agentCreator: 2000,
  adapterCreators: 1000,
  stakers: 2000,
  treasury: 1000,
}
const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n)
const base = { splits, adapterCreators: new Map(), treasury }

describe('planSettlement', () => {
  const receipts = [
    { agentId: 2n, receipt: sampleReceipt({ requestId: requestId(1), fee: 1000n, payer: addr(0xb) }) },
    { agentId: 1n, receipt: sampleReceipt({ requestId: requestId(2), fee: 300n, payer: addr(0xa) }) },
    { agentId: 2n, receipt: sampleReceipt({ requestId: requestId(3), fee: 7n, payer: addr(0xb) }) },
  ]
  const plan = planSettlement({ epoch: 4n, receipts, ...base })

  test('sums charges per payer and fees per agent, sorted, and carries the epoch trees', () => {
    expect(plan.call.charges).toEqual([
      { payer: addr(0xa), amount: 300n },
      { payer: addr(0xb), amount: 1007n },
    ])
    expect(plan.call.agents).toEqual([
      { agentId: 1n, fees: 300n },
      { agentId: 2n, fees: 1007n },
    ])
    expect(plan.call.epoch).toBe(4n)
    expect(plan.totalFees).toBe(1307n)
    // No adapter has a known creator: the whole pool ⌊300 × 0.1⌋ + ⌊1007 × 0.1⌋ goes to the treasury.
    expect(plan.call.adapterCreators).toEqual([{ creator: treasury, amount: 130n }])
    for (const { receipt } of receipts)
      expect(verifyReceipt(receipt, plan.tree.proofOf(receiptId(receipt)), plan.call.receiptsRoot)).toBe(true)
    expect(plan.call.receiptsRoot).toBe(plan.tree.receiptsRoot)
    expect(plan.call.contributorsPaid).toBe(sum(plan.tree.amounts.values()))
    // This epoch's payouts alone: each contributor's proof is against this epoch's payouts root.
    for (const [account, amount] of plan.tree.amounts)
      expect(plan.tree.payoutProofOf(account)).toMatchObject({ amount })
  })

  test('leaves out a payer charged nothing', () => {
    const free = {
      agentId: 1n,
      receipt: sampleReceipt({ requestId: requestId(9), fee: 0n, payer: addr(0xc) }),
    }
    const { call } = planSettlement({ epoch: 4n, receipts: [...receipts, free], ...base })
    expect(call.charges.map((c) => c.payer)).toEqual([addr(0xa), addr(0xb)])
  })

  test('refuses an epoch without receipts, epoch 0, and an agent id 0', () => {
    expect(() => planSettlement({ epoch: 1n, receipts: [], ...base })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidSettlementInputError: Invalid settlement input: epoch 1 has no receipts.]`,
    )
    expect(() => planSettlement({ epoch: 0n, receipts, ...base })).toThrow(
      expect.objectContaining({ name: 'InvalidSettlementInputError' }),
    )
    expect(() =>
      planSettlement({ epoch: 1n, receipts: [{ ...receipts[0]!, agentId: 0n }], ...base }),
    ).toThrow(expect.objectContaining({ name: 'InvalidSettlementInputError' }))
  })

  test('satisfies every rule postEpoch checks, in any receipt order', () => {
    const metered = fc.uniqueArray(
      fc.record({ agentId: fc.bigInt({ min: 1n, max: 3n }), receipt: receiptArbitrary() }),
      { minLength: 1, maxLength: 12, selector: (m) => m.receipt.requestId },
    )
    const bps = fc.integer({ min: 0, max: 10_000 }).chain((contributors) =>
      fc.integer({ min: 0, max: 10_000 - contributors }).map((adapterCreators) => ({
        contributors,
        adapterCreators,
        agentCreator: 0,
        stakers: 0,
        treasury: 10_000 - contributors - adapterCreators,
      })),
    )
    fc.assert(
      fc.property(metered, bps, (receipts, splits) => {
        const plan = planSettlement({ epoch: 1n, receipts, ...base, splits })
        const { call } = plan
        const pool = (bpsOf: number) => sum(call.agents.map((a) => (a.fees * BigInt(bpsOf)) / 10_000n))
        expect(sum(call.charges.map((c) => c.amount))).toBe(sum(call.agents.map((a) => a.fees)))
        expect(sum(call.adapterCreators.map((c) => c.amount))).toBe(pool(splits.adapterCreators))
        expect(call.contributorsPaid <= pool(splits.contributors)).toBe(true)
        const again = planSettlement({ epoch: 1n, receipts: [...receipts].reverse(), ...base, splits })
        expect(again.call).toEqual(call)
      }),
      { seed: 11, numRuns: 100 },
    )
  })
})
