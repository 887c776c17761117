import type { StoreSession } from '@openledger/store'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, getAddress } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/**
 * Every contributor's cumulative payout as of the ledger's latest epoch before `epoch` (settled or on its way),
 * read from that epoch's payouts tree; empty before the first payout.
 *
 * @example
 * const previousCumulative = await getPreviousCumulative(store, ledger, 5n)
 */
export async function getPreviousCumulative(
  store: StoreSession,
  ledger: LedgerRef,
  epoch: bigint,
): Promise<Map<Address, bigint>> {
  const key = ledgerKey(ledger)
  const row = await ledgerDb(store)
    .selectFrom('settlement_epochs')
    .select('payouts_tree')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '<', Number(epoch))
    .where('payouts_tree', 'is not', null)
    .orderBy('epoch', 'desc')
    .limit(1)
    .executeTakeFirst()
  const cumulative = new Map<Address, bigint>()
  if (!row?.payouts_tree) return cumulative
  const tree = StandardMerkleTree.load<[string, string]>(JSON.parse(row.payouts_tree))
  for (const [, [account, value]] of tree.entries()) cumulative.set(getAddress(account), BigInt(value))
  return cumulative
}
