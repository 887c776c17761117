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
  /** metered: charged in its epoch, or waiting for one (epoch null); unfunded: left out by the first
   * FeeRouter's settlement, which dropped what a balance could not cover (rows from then; no longer written). */
  status: 'metered' | 'unfunded'
  epoch: number | null
  created_at: string
}

/**
 * built: written ahead, not sent; sent: the `postEpoch` transaction is out; posted: on-chain, its charges in
 * escrow and its dispute window open; final: finalised and paid; vetoed: vetoed by the Safe, its charges
 * refunded and its receipts waiting again for a later epoch.
 */
export type EpochStatus = 'built' | 'sent' | 'posted' | 'final' | 'vetoed'

/** `settlement_epochs` as SQL sees it (migrations `0003_settlement`, `0006_settlement_dispute_window`). */
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
  posted_at: string | null
  /** Unix seconds (block time) when the dispute window closes, once posted. */
  finalizes_at: string | null
  final_tx_hash: string | null
  final_at: string | null
  refund_tx_hash: string | null
  vetoed_at: string | null
}

/** `settlement_epoch_receipts`: each epoch's receipts, kept after a veto sends them back to wait. */
export type SettlementEpochReceiptsTable = {
  chain_id: number
  fee_router: string
  epoch: number
  receipt_id: string
}

/** `settlement_balances` as SQL sees it. */
export type SettlementBalancesTable = {
  chain_id: number
  fee_router: string
  account: string
  balance: string
  pending_withdrawal: string
  unlocks_at: string
  /** FeeRouter's `chargeableOf`: its cap left in the period, within its balance (null: never read). */
  chargeable: string | null
  block_number: string
  updated_at: string
}

export type SettlementTables = {
  settlement_receipts: SettlementReceiptsTable
  settlement_epochs: SettlementEpochsTable
  settlement_epoch_receipts: SettlementEpochReceiptsTable
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
