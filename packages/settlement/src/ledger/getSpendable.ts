import type { StoreSession } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type Spendable = {
  /** The prepaid balance last read from the chain (0n when never read). */
  balance: bigint
  /** Requested out of the balance: no longer spendable. */
  pendingWithdrawal: bigint
  /** Fees metered and not yet settled on-chain: already spent. */
  unsettled: bigint
  /** What new answers may still charge: balance − pending withdrawal − unsettled, at least 0n. */
  spendable: bigint
  /** The block the balance was read at (undefined when never read). */
  blockNumber: bigint | undefined
}

/**
 * What an account may still spend on paid answers, by the ledger: its prepaid balance as last read from the
 * chain, less its pending withdrawal and the fees metered but not yet settled (which the chain balance does not
 * show yet). The gateway refuses an answer whose fee exceeds `spendable`.
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
  const settled = db
    .selectFrom('settlement_epochs')
    .select('epoch')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', '=', 'settled')
  const fees = await db
    .selectFrom('settlement_receipts')
    .select('fee')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('payer', '=', payer)
    .where('status', '=', 'metered')
    .where((eb) => eb.or([eb('epoch', 'is', null), eb('epoch', 'not in', settled)]))
    .execute()
  const balance = BigInt(row?.balance ?? 0)
  const pendingWithdrawal = BigInt(row?.pending_withdrawal ?? 0)
  const unsettled = fees.reduce((sum, f) => sum + BigInt(f.fee), 0n)
  const left = balance - pendingWithdrawal - unsettled
  return {
    balance,
    pendingWithdrawal,
    unsettled,
    spendable: left > 0n ? left : 0n,
    blockNumber: row ? BigInt(row.block_number) : undefined,
  }
}
