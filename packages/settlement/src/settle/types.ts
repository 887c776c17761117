import type { ChainConnection } from '@openledger/chain'
import type { StoreSession } from '@openledger/store'
import type { Account, Address, Hex } from 'viem'
import type { LedgerRef } from '../ledger/tables.js'

/**
 * Who created each adapter, by sha256: e.g. read from a model registry. Unknown adapters, and adapters whose
 * creator earns nothing (revoked), are left out. Settlement asks as of the latest block; `verifyEpoch` as of
 * the block the epoch was posted in (`blockNumber`).
 */
export type AdapterCreatorsResolver = (
  sha256s: readonly Hex[],
  options?: { blockNumber?: bigint },
) => Promise<ReadonlyMap<Hex, Address>>

/** Points where a test may stop the settler, to prove a crash there loses nothing and pays nothing twice. */
export type SettlerHooks = {
  /** After the epoch is written ahead in the ledger, before its transaction is sent. */
  afterEpochWritten?: (epoch: bigint) => void | Promise<void>
  /** After `postEpoch` is mined, before the ledger marks the epoch posted. */
  afterPostMined?: (epoch: bigint, txHash: Hex) => void | Promise<void>
  /** After `finalizeEpoch` is mined, before the ledger marks the epoch final. */
  afterFinalizeMined?: (epoch: bigint, txHash: Hex) => void | Promise<void>
  /** After `refundCharges` of a vetoed epoch is mined, before the ledger marks it vetoed and frees its receipts. */
  afterRefundMined?: (epoch: bigint, txHash: Hex) => void | Promise<void>
}

/** Everything settlement needs: the ledger's store, the chain, the FeeRouter and the settler's key. */
export type Settler = {
  store: StoreSession
  connection: ChainConnection
  contracts: { FeeRouter: Address }
  /** Holds FeeRouter's settler role, with a bond of at least `minSettlerBond`. */
  account: Account
  /** Receives the adapter creators' share that no known creator earns (the treasury Safe). */
  treasury: Address
  /** At most this many receipts per epoch (default 10,000); the rest wait for a later one. */
  maxReceiptsPerEpoch?: number
  /**
   * At most this many payers per epoch (default 400); the others' receipts wait for a later one. `postEpoch`
   * costs about 30k gas per payer charged for the first time, and a transaction may use at most 2^24 gas
   * (EIP-7825), so one post charges at most ~500 payers.
   */
  maxPayersPerEpoch?: number
  /** Default: no adapter has a known creator, so the adapter creators' pool goes to the treasury. */
  adapterCreators?: AdapterCreatorsResolver
  /** How long to wait for a transaction sent before a crash before sending it again (default 60 s). */
  resendAfterMs?: number
  hooks?: SettlerHooks
}

/** The ledger a settler keeps: its chain and FeeRouter. */
export function ledgerOf(settler: Settler): LedgerRef {
  return { chainId: settler.connection.chainId, feeRouter: settler.contracts.FeeRouter }
}
