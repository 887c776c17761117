import type { Hex } from 'viem'
import type { Receipt } from './types.js'

/**
 * A metered receipt and where it stands in settlement: settlement's ledger answers it (`getReceiptStatus`),
 * and whatever reads receipts without depending on settlement (the attribution lookup tool) takes it.
 */
export type ReceiptStatus = {
  receipt: Receipt
  agentId: bigint
  /** metered: waiting for an epoch; built/sent: in an epoch on its way; settled: charged on-chain; unfunded:
   * left out because the payer's prepaid balance could not cover it. */
  status: 'metered' | 'built' | 'sent' | 'settled' | 'unfunded'
  epoch: bigint | undefined
  /** Once settled: the epoch's receipts root on-chain and this receipt's proof against it. */
  receiptsRoot: Hex | undefined
  proof: Hex[] | undefined
}
