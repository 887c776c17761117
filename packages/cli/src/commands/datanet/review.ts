import { getRow, reviewRow } from '@openledger/datanets'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { withKey } from '../../commonOptions.js'
import { type Context, type KeyOptions, resolveKey } from '../../context.js'
import { parseDatanetId, parseRowId } from '../../options.js'
import { ReviewDecisionError, RowNotInDatanetError } from './errors.js'
import { withDatanet } from './withDatanet.js'

type ReviewOptions = KeyOptions & { rpcUrl?: string; accept?: boolean; reject?: boolean; reason?: string }

function decisionOf(options: ReviewOptions): 'accepted' | 'rejected' {
  if (options.accept && !options.reject) return 'accepted'
  if (options.reject && !options.accept) return 'rejected'
  throw new ReviewDecisionError()
}

export function datanetReviewCommand(datanet: Command, context: Context): void {
  withKey(
    datanet
      .command('review')
      .argument('<id>', 'the datanet', parseDatanetId)
      .argument('<rowIds...>', 'the pending rows (see `datanet rows <id> --status pending`)', parseRowId),
    "curator key: must be the datanet's curator on-chain",
  )
    .description('Accept or reject pending rows, as the curator; a rejection needs a reason.')
    .option('--accept', 'accept the rows')
    .option('--reject', 'reject the rows (with --reason)')
    .option('--reason <text>', 'why (required to reject; kept with the row)')
    .action(async (datanetId: bigint, rowIds: Hex[], options: ReviewOptions) => {
      const decision = decisionOf(options)
      await withDatanet(context, options.rpcUrl, datanetId, async ({ connection, store }) => {
        const curator = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'curator'))
        const unique = [...new Set(rowIds)]
        // Every id is checked before any is reviewed, so a typo in the list changes nothing.
        for (const rowId of unique) {
          const row = await getRow(store, rowId)
          if (row.datanet.datanetId !== datanetId)
            throw new RowNotInDatanetError(rowId, datanetId, row.datanet.datanetId)
        }
        for (const rowId of unique) {
          const reviewed = await reviewRow(connection, store, {
            rowId,
            curator: curator.address,
            decision,
            reason: options.reason,
          })
          const why = reviewed.review?.reason ? `: ${reviewed.review.reason}` : ''
          context.io.out(
            `${decision === 'accepted' ? 'Accepted' : 'Rejected'} row ${rowId} (contributor ${reviewed.contributor})${why}.`,
          )
        }
      })
    })
}
