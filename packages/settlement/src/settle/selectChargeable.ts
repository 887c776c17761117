import { type Address, getAddress } from 'viem'
import { chargeableBudget } from '../ledger/getSpendable.js'
import {
  listWaitingPayers,
  type PendingCursor,
  type PendingReceipt,
  selectPendingReceipts,
} from '../ledger/selectPendingReceipts.js'
import { syncBalances } from './syncBalances.js'
import { ledgerOf, type Settler } from './types.js'

const PAGE = 2_000

/**
 * The waiting receipts the next epoch can charge, oldest first, at most `maxReceiptsPerEpoch` from at most
 * `maxPayersPerEpoch` payers (the first met in metering order; the others wait whole): each payer is charged no
 * more than FeeRouter lets it be charged now less its pending withdrawal (`chargeableBudget`, read from the
 * chain here and recorded in the ledger), taking its receipts in metering order until one does not fit; that
 * one and the payer's later receipts are carried (they wait for a later epoch). Payers in `excluded` (their
 * post failed this round) are carried whole.
 */
export async function selectChargeable(
  settler: Settler,
  excluded: ReadonlySet<Address> = new Set(),
): Promise<PendingReceipt[]> {
  const ledger = ledgerOf(settler)
  const limit = settler.maxReceiptsPerEpoch ?? 10_000
  const maxPayers = settler.maxPayersPerEpoch ?? 400
  const charged = new Set<Address>()
  const payers = (await listWaitingPayers(settler.store, ledger)).filter((p) => !excluded.has(p))
  if (payers.length === 0) return []
  const balances = await syncBalances(settler, payers)
  const left = new Map(balances.map((b) => [getAddress(b.account), chargeableBudget(b)]))
  const carried = new Set(excluded)
  const taken: PendingReceipt[] = []
  let after: PendingCursor | undefined
  while (taken.length < limit) {
    const page = await selectPendingReceipts(settler.store, ledger, PAGE, after)
    for (const m of page) {
      const payer = getAddress(m.receipt.payer)
      if (carried.has(payer) || (!charged.has(payer) && charged.size >= maxPayers)) continue
      const budget = left.get(payer) ?? 0n
      if (m.receipt.fee > budget) {
        carried.add(payer)
        continue
      }
      left.set(payer, budget - m.receipt.fee)
      charged.add(payer)
      taken.push(m)
      if (taken.length === limit) break
    }
    const last = page.at(-1)
    if (!last || page.length < PAGE) break
    after = { meteredAt: last.meteredAt, receiptId: last.receiptId }
  }
  return taken
}
