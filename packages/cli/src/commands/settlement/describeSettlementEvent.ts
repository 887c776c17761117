import type { SettlementEvent } from '@openledger/settlement'

/** A line for each thing the settlement worker reports; undefined for what the CLI does not print. */
export function describeSettlementEvent(event: SettlementEvent): string | undefined {
  switch (event.type) {
    case 'epoch-settled':
      return `Settled epoch ${event.epoch}: ${event.receipts} receipts in ${event.txHash}${event.resumed ? ' (resumed after a restart)' : ''}.`
    case 'epoch-failed':
      return `Settling failed (will retry): ${event.error.message.split('\n')[0]}`
    case 'usage-failed':
      return `Usage job ${event.jobId} refused: ${event.error.message.split('\n')[0]}`
    default:
      return undefined
  }
}
