import fc from 'fast-check'
import { type Address, getAddress, type Hex, pad, toHex } from 'viem'
import { SHARE_SCALE } from '../../fusion/types.js'
import { type Receipt, type ReceiptV2, receiptKinds } from '../types.js'

const hex32 = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map((n): Hex => pad(toHex(n), { size: 32 }))

/**
 * Random valid receipts for property tests, over a small set of contributors so that they repeat; versions 1
 * and 2 unless `versions` says which.
 */
export function receiptArbitrary(
  contributors: readonly Address[] = defaultContributors,
  { versions = [1, 2] }: { versions?: readonly (1 | 2)[] } = {},
): fc.Arbitrary<Receipt> {
  const weights = fc
    .uniqueArray(fc.bigInt({ min: 1n, max: SHARE_SCALE - 1n }), { maxLength: 5 })
    .map((cuts) => {
      const points = [0n, ...cuts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), SHARE_SCALE]
      return points.slice(1).map((p, i) => p - points[i]!)
    })
  const contributions = weights.chain((ws) =>
    fc.tuple(
      ...ws.map((weight, i) =>
        fc.record({
          datanetId: fc.bigInt({ min: 0n, max: 3n }),
          rowId: fc.constant(pad(toHex(i), { size: 32 })),
          contributor: fc.constantFrom(...contributors),
          weight: fc.constant(weight),
          method: fc.constantFrom('span', 'retrieval', 'influence'),
        }),
      ),
    ),
  )
  const v1 = fc
    .record({
      requestId: hex32,
      agentId: fc.string({ minLength: 1, maxLength: 12 }),
      adapters: fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), sha256: hex32 }), {
        maxLength: 3,
        selector: (a) => a.id,
      }),
      responseHash: hex32,
      fee: fc.bigInt({ min: 0n, max: 10n ** 24n }),
      payer: fc.constantFrom(...contributors),
      timestamp: fc.bigInt({ min: 0n, max: 2n ** 40n }),
      noEvidence: fc.boolean(),
      contributions,
    })
    .map((r): Receipt => (r.noEvidence ? { ...r, contributions: [] } : r))
  const v2 = fc
    .tuple(v1, deploymentArbitrary)
    .map(([receipt, deployment]): ReceiptV2 => ({ ...receipt, ...deployment }))
  return fc.oneof(...versions.map((version) => (version === 1 ? v1 : v2)))
}

const deploymentArbitrary = fc.record({
  version: fc.constant(2 as const),
  chainId: fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
  feeRouter: fc.bigInt({ min: 1n, max: 2n ** 160n - 1n }).map((n) => getAddress(pad(toHex(n), { size: 20 }))),
  baseModel: hex32,
  kind: fc.constantFrom(...receiptKinds),
})

const defaultContributors = [1, 2, 3, 4].map((n) => getAddress(pad(toHex(n * 0x1234567), { size: 20 })))
