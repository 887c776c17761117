import type { Address, Hex } from 'viem'

export type AdapterFeesReceipt = {
  agentId: bigint
  fee: bigint
  /** The sha256 of each adapter that served the answer. */
  adapters: readonly Hex[]
}

export type SplitAdapterFeesParameters = {
  receipts: readonly AdapterFeesReceipt[]
  /** The adapter creators' share, in basis points. */
  bps: number
  /** Who created each adapter, by sha256 (lowercase); an adapter not in it earns nothing. */
  creators: ReadonlyMap<Hex, Address>
  /** Receives what no known creator earns: answers without adapters, unknown adapters, rounding dust. */
  treasury: Address
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))
const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b

/**
 * Splits the adapter creators' pool of an epoch the way FeeRouter checks it: per agent, the pool is
 * `⌊fees × bps / 10000⌋` (the contract's own rounding), divided between the creators of the adapters that
 * served that agent's answers in proportion to fee ÷ adapters-in-the-answer, computed exactly (rational weights
 * over a common denominator, one floor per creator and agent). What no known creator earns goes to the treasury,
 * so the amounts sum to the pool exactly, as `settleEpoch` requires. Sorted by address, no zero amounts.
 *
 * @example
 * const payees = splitAdapterFees({ receipts, bps: 1000, creators, treasury })
 */
export function splitAdapterFees({
  receipts,
  bps,
  creators,
  treasury,
}: SplitAdapterFeesParameters): { creator: Address; amount: bigint }[] {
  const byAgent = new Map<bigint, AdapterFeesReceipt[]>()
  for (const r of receipts) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r])
  const amounts = new Map<Address, bigint>()
  const add = (account: Address, amount: bigint) =>
    amounts.set(account, (amounts.get(account) ?? 0n) + amount)
  let pool = 0n
  let paid = 0n
  for (const agentReceipts of byAgent.values()) {
    const fees = agentReceipts.reduce((sum, r) => sum + r.fee, 0n)
    const agentPool = (fees * BigInt(bps)) / 10_000n
    pool += agentPool
    if (fees === 0n || agentPool === 0n) continue
    const denominator = agentReceipts.reduce((d, r) => lcm(d, BigInt(Math.max(r.adapters.length, 1))), 1n)
    const weights = new Map<Address, bigint>()
    for (const r of agentReceipts) {
      const perAdapter = (r.fee * denominator) / BigInt(Math.max(r.adapters.length, 1))
      for (const sha256 of r.adapters) {
        const creator = creators.get(sha256.toLowerCase() as Hex)
        if (creator) weights.set(creator, (weights.get(creator) ?? 0n) + perAdapter)
      }
    }
    const total = fees * denominator
    for (const [creator, weight] of weights) {
      const amount = (agentPool * weight) / total
      add(creator, amount)
      paid += amount
    }
  }
  add(treasury, pool - paid)
  return [...amounts]
    .filter(([, amount]) => amount > 0n)
    .sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
    .map(([creator, amount]) => ({ creator, amount }))
}
