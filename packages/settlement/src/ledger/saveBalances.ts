import { type StoreSession, withTransaction } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/** A prepaid FeeRouter balance as read from the chain at `blockNumber`. */
export type ChainBalance = {
  account: Address
  balance: bigint
  pendingWithdrawal: bigint
  unlocksAt: bigint
  /** FeeRouter's `chargeableOf`: what settlement may charge it now, its cap left within its balance. */
  chargeable: bigint
  blockNumber: bigint
}

/**
 * Records prepaid balances read from the chain (replacing what the ledger held for those accounts), in one
 * transaction.
 *
 * @example
 * await saveBalances(store, ledger, [{ account, balance, pendingWithdrawal: 0n, unlocksAt: 0n, chargeable: balance, blockNumber }])
 */
export async function saveBalances(
  store: StoreSession,
  ledger: LedgerRef,
  balances: readonly ChainBalance[],
): Promise<void> {
  const key = ledgerKey(ledger)
  const updatedAt = new Date().toISOString()
  await withTransaction(store, async (tx) => {
    for (const b of balances) {
      const columns = {
        balance: b.balance.toString(),
        pending_withdrawal: b.pendingWithdrawal.toString(),
        unlocks_at: b.unlocksAt.toString(),
        chargeable: b.chargeable.toString(),
        block_number: b.blockNumber.toString(),
        updated_at: updatedAt,
      }
      await ledgerDb(tx)
        .insertInto('settlement_balances')
        .values({ ...key, account: getAddress(b.account), ...columns })
        .onConflict((oc) => oc.columns(['chain_id', 'fee_router', 'account']).doUpdateSet(columns))
        .execute()
    }
  })
}
