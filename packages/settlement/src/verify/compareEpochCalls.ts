import type { PostEpochCall } from '@openledger/staking'
import { getAddress } from 'viem'

/** Which part of a posted epoch differs from what its published receipts give. */
export type EpochDifferenceField =
  | 'receiptsRoot'
  | 'payoutsRoot'
  | 'charge'
  | 'agentFees'
  | 'adapterCreator'
  | 'contributorsPaid'
  | 'receipt'

/**
 * One difference between what a settler posted and what the published receipts give: `key` names the payer,
 * agent, adapter creator or receipt it concerns; amounts are decimal OPEN wei, roots hex.
 */
export type EpochDifference = {
  field: EpochDifferenceField
  key?: string
  posted: string
  expected: string
}

/**
 * Compares a posted `postEpoch` call with the one recomputed from the published receipts, field by field:
 * the two roots, `contributorsPaid`, and each payer's charge, each agent's fees and each adapter creator's
 * amount (one missing on either side counts as zero). Empty when they agree exactly.
 *
 * @example
 * const differences = compareEpochCalls(posted.call, planSettlement({ ... }).call)
 * for (const d of differences) console.log(d.field, d.key ?? '', d.posted, '≠', d.expected)
 */
export function compareEpochCalls(posted: PostEpochCall, expected: PostEpochCall): EpochDifference[] {
  const differences: EpochDifference[] = []
  for (const field of ['receiptsRoot', 'payoutsRoot'] as const)
    if (posted[field].toLowerCase() !== expected[field].toLowerCase())
      differences.push({ field, posted: posted[field], expected: expected[field] })
  differences.push(
    ...compareAmounts(
      'charge',
      byKey(
        posted.charges,
        (c) => getAddress(c.payer),
        (c) => c.amount,
      ),
      byKey(
        expected.charges,
        (c) => getAddress(c.payer),
        (c) => c.amount,
      ),
    ),
    ...compareAmounts(
      'agentFees',
      byKey(
        posted.agents,
        (a) => a.agentId.toString(),
        (a) => a.fees,
      ),
      byKey(
        expected.agents,
        (a) => a.agentId.toString(),
        (a) => a.fees,
      ),
    ),
    ...compareAmounts(
      'adapterCreator',
      byKey(
        posted.adapterCreators,
        (a) => getAddress(a.creator),
        (a) => a.amount,
      ),
      byKey(
        expected.adapterCreators,
        (a) => getAddress(a.creator),
        (a) => a.amount,
      ),
    ),
  )
  if (posted.contributorsPaid !== expected.contributorsPaid)
    differences.push({
      field: 'contributorsPaid',
      posted: posted.contributorsPaid.toString(),
      expected: expected.contributorsPaid.toString(),
    })
  return differences
}

/** Sums amounts by key (a key listed twice is summed, as the contract would debit it). */
function byKey<T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => bigint) {
  const sums = new Map<string, bigint>()
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0n) + amount(item))
  return sums
}

function compareAmounts(
  field: EpochDifferenceField,
  posted: ReadonlyMap<string, bigint>,
  expected: ReadonlyMap<string, bigint>,
): EpochDifference[] {
  const keys = [...new Set([...posted.keys(), ...expected.keys()])].sort()
  return keys
    .filter((key) => (posted.get(key) ?? 0n) !== (expected.get(key) ?? 0n))
    .map((key) => ({
      field,
      key,
      posted: (posted.get(key) ?? 0n).toString(),
      expected: (expected.get(key) ?? 0n).toString(),
    }))
}
