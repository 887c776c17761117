import type { StoreSession } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type Spendable = {
  /** The prepaid balance last read from the chain (0n when never read). */
  balance: bigint
  /** Requested out of the balance: no longer spendable. */
  pendingWithdrawal: bigint
  /** What FeeRouter may charge the account now: its cap left in the period, within its balance (0n when never
   * read, or when it authorised no charges). */
  chargeable: bigint
  /** Fees metered and not yet posted on-chain (waiting, or in an epoch on its way): already spent. */
  unsettled: bigint
  /** What new answers may still charge: min(balance − pending withdrawal, chargeable) − unsettled, at least 0n. */
  spendable: bigint
  /** The block the balance was read at (undefined when never read). */
  blockNumber: bigint | undefined
}

/**
 * What an account may still spend on paid answers, by the ledger: what settlement can charge it (its prepaid
 * balance less its pending withdrawal, and no more than its charge cap leaves: FeeRouter's `chargeableOf`), as
 * last read from the chain, less the fees metered but not yet posted (which the chain does not show yet). The
 * gateway refuses an answer whose fee exceeds `spendable`: a payer whose unsettled fees exceed what it can be
 * charged is not served until it deposits or raises its cap.
 *
 * @example
 * const { spendable } = await getSpendable(store, ledger, payer)
 */
export async function getSpendable(
  store: StoreSession,
  ledger: LedgerRef,
  account: Address,
): Promise<Spendable> {
  const key = ledgerKey(ledger)
  const payer = getAddress(account)
  const db = ledgerDb(store)
  const row = await db
    .selectFrom('settlement_balances')
    .selectAll()
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('account', '=', payer)
    .executeTakeFirst()
  const onTheirWay = db
    .selectFrom('settlement_epochs')
    .select('epoch')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', 'in', ['built', 'sent'])
  const fees = await db
    .selectFrom('settlement_receipts')
    .select('fee')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('payer', '=', payer)
    .where('status', '=', 'metered')
    .where((eb) => eb.or([eb('epoch', 'is', null), eb('epoch', 'in', onTheirWay)]))
    .execute()
  const balance = BigInt(row?.balance ?? 0)
  const pendingWithdrawal = BigInt(row?.pending_withdrawal ?? 0)
  const chargeable = BigInt(row?.chargeable ?? 0)
  const unsettled = fees.reduce((sum, f) => sum + BigInt(f.fee), 0n)
  const left = chargeableBudget({ balance, pendingWithdrawal, chargeable }) - unsettled
  return {
    balance,
    pendingWithdrawal,
    chargeable,
    unsettled,
    spendable: left > 0n ? left : 0n,
    blockNumber: row ? BigInt(row.block_number) : undefined,
  }
}

/**
 * What an epoch may charge a payer: its chargeable amount (cap left, within its balance) less its pending
 * withdrawal, i.e. `min(balance − pendingWithdrawal, chargeable)`, at least 0n. The settler charges no more
 * when it closes an epoch, and the gateway serves no more.
 *
 * @example
 * const budget = chargeableBudget({ balance, pendingWithdrawal, chargeable })
 */
export function chargeableBudget(read: {
  balance: bigint
  pendingWithdrawal: bigint
  chargeable: bigint
}): bigint {
  const free = read.balance - read.pendingWithdrawal
  const budget = free < read.chargeable ? free : read.chargeable
  return budget > 0n ? budget : 0n
}
