import type { StoreSession } from '@openledger/store'
import { type Address, getAddress, type Hex } from 'viem'

type Held = { fee: bigint; receiptId: Hex | undefined }

/**
 * Fees held per payer for answers in flight, so concurrent requests cannot together spend more than the
 * payer's balance: held from the gate until the settlement worker has recorded the receipt (the ledger's
 * `unsettled` then counts it), or released at once when the answer fails.
 */
export class Reservations {
  private readonly held = new Map<Address, Map<symbol, Held>>()

  constructor(private readonly store: StoreSession) {}

  hold(payer: Address, fee: bigint): symbol {
    const key = Symbol('reservation')
    const account = getAddress(payer)
    const map = this.held.get(account) ?? new Map<symbol, Held>()
    map.set(key, { fee, receiptId: undefined })
    this.held.set(account, map)
    return key
  }

  /** The answer was metered: keep holding until the ledger records `receiptId`. */
  metered(payer: Address, key: symbol, receiptId: Hex): void {
    const entry = this.held.get(getAddress(payer))?.get(key)
    if (entry) entry.receiptId = receiptId
  }

  release(payer: Address, key: symbol): void {
    const account = getAddress(payer)
    const map = this.held.get(account)
    map?.delete(key)
    if (map?.size === 0) this.held.delete(account)
  }

  /** What is held for `payer` and not yet in the ledger (drops the holds the ledger now shows). */
  async outstanding(payer: Address): Promise<bigint> {
    const account = getAddress(payer)
    const map = this.held.get(account)
    if (!map) return 0n
    const metered = [...map].filter(([, h]) => h.receiptId).map(([, h]) => h.receiptId!.toLowerCase())
    if (metered.length) {
      const recorded = await this.store.db
        .withTables<{ settlement_receipts: { receipt_id: string } }>()
        .selectFrom('settlement_receipts')
        .select('receipt_id')
        .where('receipt_id', 'in', metered)
        .execute()
      const done = new Set(recorded.map((r) => r.receipt_id.toLowerCase()))
      for (const [key, h] of map) if (h.receiptId && done.has(h.receiptId.toLowerCase())) map.delete(key)
      if (map.size === 0) this.held.delete(account)
    }
    let sum = 0n
    for (const h of map.values()) sum += h.fee
    return sum
  }
}
