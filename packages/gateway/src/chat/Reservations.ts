import { type LedgerRef, listRecordedReceipts } from '@openledger/settlement'
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

  /**
   * Holds `fee` for `payer` when `spendable` (read from the ledger after `prune`) less what is already held
   * covers it: synchronous, so two requests can never both take the last of a balance. Undefined when short,
   * with what is left.
   */
  tryHold(payer: Address, fee: bigint, spendable: bigint): { key: symbol } | { left: bigint } {
    const account = getAddress(payer)
    const map = this.held.get(account) ?? new Map<symbol, Held>()
    let held = 0n
    for (const h of map.values()) held += h.fee
    const left = spendable > held ? spendable - held : 0n
    if (left < fee) return { left }
    const key = Symbol('reservation')
    map.set(key, { fee, receiptId: undefined })
    this.held.set(account, map)
    return { key }
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

  /**
   * Drops the holds whose receipts `ledger` now records (its `unsettled` counts them). Call before reading
   * the ledger: a receipt recorded in between is then counted twice (safe), never not at all.
   */
  async prune(payer: Address, ledger: LedgerRef): Promise<void> {
    const account = getAddress(payer)
    const map = this.held.get(account)
    if (!map) return
    const metered = [...map.values()].flatMap((h) => (h.receiptId ? [h.receiptId] : []))
    if (metered.length === 0) return
    const done = await listRecordedReceipts(this.store, ledger, metered)
    for (const [key, h] of map) if (h.receiptId && done.has(lower(h.receiptId))) map.delete(key)
    if (map.size === 0) this.held.delete(account)
  }
}

const lower = (id: Hex) => id.toLowerCase() as Hex
