import type { Hex } from 'viem'
import type { Receipt } from './types.js'

/**
 * A metered receipt and where it stands in settlement: settlement's ledger answers it (`getReceiptStatus`),
 * and whatever reads receipts without depending on settlement (the attribution lookup tool) takes it.
 */
export type ReceiptStatus = {
  receipt: Receipt
  agentId: bigint
  /**
   * metered: waiting for an epoch; built/sent: in an epoch on its way; posted: charged into escrow, its epoch's
   * dispute window open; final: its epoch paid out; vetoed: its epoch was vetoed and refunded, and it waits for
   * a later one; unfunded: left out by the first FeeRouter's settlement (the payer could not cover it).
   */
  status: 'metered' | 'built' | 'sent' | 'posted' | 'final' | 'vetoed' | 'unfunded'
  epoch: bigint | undefined
  /** Once its epoch is posted: the epoch's receipts root and this receipt's proof against it. */
  receiptsRoot: Hex | undefined
  proof: Hex[] | undefined
}
