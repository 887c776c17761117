import type { RowStatus } from '@openledger/datanets'
import { type Command, Option } from 'commander'
import { withRpcUrl } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { parseDatanetId } from '../../options.js'
import { listAllRows } from './listAllRows.js'
import { rowPreview } from './rowPreview.js'
import { withDatanet } from './withDatanet.js'

export function datanetRowsCommand(datanet: Command, context: Context): void {
  withRpcUrl(datanet.command('rows').argument('<id>', 'the datanet', parseDatanetId))
    .description('List the rows of a datanet, oldest first: row id, status, contributor, start of the text.')
    .addOption(
      new Option('--status <status>', 'only rows in this state').choices(['pending', 'accepted', 'rejected']),
    )
    .action(async (datanetId: bigint, options: { rpcUrl?: string; status?: RowStatus }) => {
      await withDatanet(context, options.rpcUrl, datanetId, async ({ store, datanet }) => {
        const rows = await listAllRows(store, datanet, options.status)
        if (rows.length === 0)
          context.io.out(`No ${options.status ? `${options.status} ` : ''}rows in datanet ${datanetId}.`)
        for (const row of rows)
          context.io.out(
            `${row.rowId}  ${row.status.padEnd(8)}  ${row.contributor}  ${rowPreview(row.content)}`,
          )
      })
    })
}
