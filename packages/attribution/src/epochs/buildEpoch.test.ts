import fc from 'fast-check'
import { type Address, encodeAbiParameters, getAddress, type Hex, keccak256, pad } from 'viem'
import { describe, expect, test } from 'vitest'
import { receiptId } from '../receipts/receiptId.js'
import { receiptArbitrary } from '../receipts/testing/receiptArbitrary.js'
import { sampleReceipt } from '../receipts/testing/sampleReceipt.js'
import type { Receipt } from '../receipts/types.js'
import { buildEpoch } from './buildEpoch.js'
import { verifyPayout } from './verifyPayout.js'
import { verifyReceipt } from './verifyReceipt.js'

const alice = getAddress(pad('0xa11ce', { size: 20 }))
const bob = getAddress(pad('0xb0b', { size: 20 }))
const carol = getAddress(pad('0xca201', { size: 20 }))
const requestId = (n: number): Hex => pad(`0x${n.toString(16)}`, { size: 32 })

/** What OpenZeppelin's MerkleProof.verify computes on-chain, written out with viem. */
function solidityRoot(leaf: Hex, proof: Hex[]): Hex {
  return proof.reduce((node, sibling) => {
    const [a, b] = node.toLowerCase() < sibling.toLowerCase() ? [node, sibling] : [sibling, node]
    return keccak256(`${a}${b.slice(2)}` as Hex)
  }, leaf)
}

describe('buildEpoch', () => {
  const receipts = [
    sampleReceipt({ requestId: requestId(1), fee: 1000n }), // alice 70%, bob 30%
    sampleReceipt({ requestId: requestId(2), fee: 333n, noEvidence: true, contributions: [] }),
    sampleReceipt({ requestId: requestId(3), fee: 10n }),
  ]
  const epoch = buildEpoch({ epoch: 3n, receipts, contributorShareBps: 4000 })

  test('splits the contributor pool by weight; no-evidence pools and dust go to the treasury', () => {
    // pools: 400, 133, 4. alice ⌊(400+4)×0.7⌋ = 282, bob ⌊(400+4)×0.3⌋ = 121; remainder 133 + 1.
    expect(epoch.contributorPool).toBe(537n)
    expect(epoch.amounts).toEqual(
      new Map([
        [alice, 282n],
        [bob, 121n],
      ]),
    )
    expect(epoch.noEvidencePool).toBe(133n)
    expect(epoch.treasuryRemainder).toBe(134n)
    expect(epoch.payoutsTree?.length).toBe(2)
  })

  test('every receipt verifies against the receipts root, with the leaf Solidity computes', () => {
    for (const receipt of receipts) {
      const id = receiptId(receipt)
      const proof = epoch.proofOf(id)
      expect(verifyReceipt(receipt, proof, epoch.receiptsRoot)).toBe(true)
      const leaf = keccak256(keccak256(encodeAbiParameters([{ type: 'bytes32' }], [id])))
      expect(solidityRoot(leaf, proof)).toBe(epoch.receiptsRoot)
    }
    expect(() => epoch.proofOf(requestId(9))).toThrow(
      expect.objectContaining({ name: 'UnknownReceiptError' }),
    )
  })

  test("payout proofs verify, with the leaf FeeRouter computes over this epoch's amount", () => {
    for (const account of [alice, bob]) {
      const { amount, proof } = epoch.payoutProofOf(account)
      expect(amount).toBe(epoch.amounts.get(account))
      expect(verifyPayout(account, amount, proof, epoch.payoutsRoot)).toBe(true)
      expect(verifyPayout(account, amount + 1n, proof, epoch.payoutsRoot)).toBe(false)
      const encoded = encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [account, amount])
      expect(solidityRoot(keccak256(keccak256(encoded)), proof)).toBe(epoch.payoutsRoot)
    }
    expect(epoch.payoutProofOf(alice.toLowerCase() as Address)).toMatchObject({
      account: alice,
      amount: 282n,
    })
    for (const unpaid of [carol, getAddress(pad('0xdead', { size: 20 }))])
      expect(() => epoch.payoutProofOf(unpaid)).toThrow(
        expect.objectContaining({ name: 'UnknownPayoutAccountError' }),
      )
  })

  test('is deterministic: the order of receipts does not change the roots', () => {
    const again = buildEpoch({ epoch: 3n, receipts: [...receipts].reverse(), contributorShareBps: 4000 })
    expect([again.receiptsRoot, again.payoutsRoot]).toEqual([epoch.receiptsRoot, epoch.payoutsRoot])
    expect(JSON.parse(JSON.stringify(epoch.payoutsTree?.dump())).format).toBe('standard-v1')
  })

  test('invalid input is a clear error', () => {
    const base = { epoch: 1n, receipts, contributorShareBps: 4000 }
    expect(() => buildEpoch({ ...base, receipts: [] })).toThrow(
      expect.objectContaining({ name: 'EmptyEpochError' }),
    )
    expect(() => buildEpoch({ ...base, receipts: [receipts[0]!, receipts[0]!] })).toThrow(
      expect.objectContaining({ name: 'DuplicateReceiptError' }),
    )
    expect(() => buildEpoch({ ...base, contributorShareBps: 10_001 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidEpochInputError: Invalid epoch input: contributorShareBps is 10001; expected an integer in 0..10000.]`,
    )
    expect(() => buildEpoch({ ...base, epoch: -1n })).toThrow(
      expect.objectContaining({ name: 'InvalidEpochInputError' }),
    )
  })

  test('an epoch that pays nobody has a zero payouts root, whatever earlier epochs paid', () => {
    const empty = buildEpoch({ epoch: 4n, receipts: [receipts[1]!], contributorShareBps: 4000 })
    expect(empty.payoutsRoot).toBe(`0x${'00'.repeat(32)}`)
    expect(empty.payoutsTree).toBeUndefined()
    expect(empty.treasuryRemainder).toBe(133n)
    expect(() => empty.payoutProofOf(alice)).toThrow(
      expect.objectContaining({ name: 'UnknownPayoutAccountError' }),
    )
  })
})

const receiptsArbitrary = fc.uniqueArray(receiptArbitrary(), {
  minLength: 1,
  maxLength: 6,
  selector: (r) => r.requestId,
})
const bps = fc.integer({ min: 0, max: 10_000 })
const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n)

describe('epoch accounting properties', () => {
  test('nothing is created or lost: Σ amounts + remainder = Σ pools', () => {
    fc.assert(
      fc.property(receiptsArbitrary, bps, (receipts: Receipt[], contributorShareBps) => {
        const epoch = buildEpoch({ epoch: 1n, receipts, contributorShareBps })
        const pools = sum(receipts.map((r) => (r.fee * BigInt(contributorShareBps)) / 10_000n))
        expect(sum(epoch.amounts.values()) + epoch.treasuryRemainder).toBe(pools)
        expect(epoch.contributorPool).toBe(pools)
        expect(epoch.treasuryRemainder >= 0n).toBe(true)
      }),
    )
  })

  test("each epoch's tree holds exactly its own amounts, and every payout proof verifies", () => {
    fc.assert(
      fc.property(receiptsArbitrary, receiptsArbitrary, bps, (first, second, contributorShareBps) => {
        const one = buildEpoch({ epoch: 1n, receipts: first, contributorShareBps })
        const two = buildEpoch({ epoch: 2n, receipts: second, contributorShareBps })
        for (const epoch of [one, two]) {
          const leaves = new Map(
            [...(epoch.payoutsTree?.entries() ?? [])].map(([, [a, v]]) => [a, BigInt(v)]),
          )
          expect(leaves).toEqual(epoch.amounts)
          for (const [account, amount] of epoch.amounts) {
            const claim = epoch.payoutProofOf(account)
            expect(claim.amount).toBe(amount)
            expect(verifyPayout(account, amount, claim.proof, epoch.payoutsRoot)).toBe(true)
          }
        }
        // A claim of one epoch's amount does not verify against another epoch that pays the account otherwise.
        for (const [account, amount] of one.amounts)
          if (two.amounts.get(account) !== amount)
            expect(verifyPayout(account, amount, one.payoutProofOf(account).proof, two.payoutsRoot)).toBe(
              false,
            )
      }),
      { numRuns: 50 },
    )
  })
})
