import { ledgerOf, type Settler } from '@openledger/settlement'

/** The queues' Redis prefix: one per ledger, so stacks sharing a Redis never meter into each other's. */
export function queuePrefixOf(settler: Settler): string {
  const { chainId, feeRouter } = ledgerOf(settler)
  return `openledger:${chainId}:${feeRouter}`
}
