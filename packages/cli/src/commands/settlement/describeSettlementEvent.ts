import type { SettlementEvent } from '@openledger/settlement'
import { carriedLine, finalizedLine, postedLine, vetoedLine } from './describeSettlementStep.js'

/** A line for each thing the settlement worker reports; undefined for what the CLI does not print. */
export function describeSettlementEvent(event: SettlementEvent): string | undefined {
  switch (event.type) {
    case 'epoch-posted':
      return postedLine(event.epoch, event).replace(
        /\.$/,
        event.resumed ? ' (resumed after a restart).' : '.',
      )
    case 'epoch-finalized':
      return finalizedLine(event.epoch, event.txHash)
    case 'epoch-vetoed':
      return vetoedLine(event.epoch, event.receipts, event.refundTxHash)
    case 'payer-carried':
      return carriedLine(event.payer)
    case 'epoch-failed':
      return `Settling failed (will retry): ${event.error.message.split('\n')[0]}`
    case 'usage-failed':
      return `Usage job ${event.jobId} refused: ${event.error.message.split('\n')[0]}`
    default:
      return undefined
  }
}
