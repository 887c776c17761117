import { type StoreSession, schemaDb } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { settlementSchema } from './settlementSchema.js'

/** Which FeeRouter a ledger belongs to: one store may hold the ledgers of several deployments. */
export type LedgerRef = { chainId: number; feeRouter: Address }

/** `settlement_receipts` as SQL sees it (migration `0003_settlement` of `settlementSchema`). */
export type SettlementReceiptsTable = {
  receipt_id: string
  chain_id: number
  fee_router: string
  agent_id: string
  payer: string
  fee: string
  receipt: string
  status: 'metered' | 'unfunded'
  epoch: number | null
  created_at: string
}

export type EpochStatus = 'built' | 'sent' | 'settled'

/** `settlement_epochs` as SQL sees it. */
export type SettlementEpochsTable = {
  chain_id: number
  fee_router: string
  epoch: number
  status: EpochStatus
  receipts_root: string
  payouts_root: string
  receipt_count: number
  total_fees: string
  contributors_paid: string
  splits: string
  call: string
  payouts_tree: string | null
  tx_hash: string | null
  block_number: string | null
  created_at: string
  sent_at: string | null
  settled_at: string | null
}

/** `settlement_balances` as SQL sees it. */
export type SettlementBalancesTable = {
  chain_id: number
  fee_router: string
  account: string
  balance: string
  pending_withdrawal: string
  unlocks_at: string
  block_number: string
  updated_at: string
}

export type SettlementTables = {
  settlement_receipts: SettlementReceiptsTable
  settlement_epochs: SettlementEpochsTable
  settlement_balances: SettlementBalancesTable
}

/**
 * The store's query builder with the settlement tables known to it; throws `StoreSchemaNotRegisteredError`
 * when the store was opened without `settlementSchema`.
 */
export function ledgerDb(store: StoreSession) {
  return schemaDb<SettlementTables>(store, settlementSchema)
}

/** The key columns of a ledger (checksummed router). */
export function ledgerKey(ledger: LedgerRef) {
  return { chain_id: ledger.chainId, fee_router: getAddress(ledger.feeRouter) }
}
