import { commitBatch, NothingToCommitError, rowProof, verifyRowOnChain } from '@openledger/datanets'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { withKey } from '../../commonOptions.js'
import { type Context, type KeyOptions, resolveKey } from '../../context.js'
import { parseDatanetId } from '../../options.js'
import { RowProofRejectedError } from './errors.js'
import { withDatanet } from './withDatanet.js'

type CommitOptions = KeyOptions & { rpcUrl?: string; uri?: string }

export function datanetCommitCommand(datanet: Command, context: Context): void {
  withKey(
    datanet.command('commit').argument('<id>', 'the datanet', parseDatanetId),
    'curator key: sends and pays for the commit',
  )
    .description(
      "Commit every accepted, uncommitted row on-chain as one batch (a Merkle root), then verify each row's proof with the registry.",
    )
    .option('--uri <uri>', "where the batch's rows can be fetched (stored on-chain with the root)", '')
    .action(async (datanetId: bigint, options: CommitOptions) => {
      await withDatanet(context, options.rpcUrl, datanetId, async ({ connection, store, datanet }) => {
        const account = resolveKey(context, options, connection.chainId, 'curator')
        let batch: Awaited<ReturnType<typeof commitBatch>>
        try {
          batch = await commitBatch(connection, store, { datanet, account, uri: options.uri })
        } catch (error) {
          if (!(error instanceof NothingToCommitError)) throw error
          context.io.out(`Nothing to commit: datanet ${datanetId} has no accepted, uncommitted rows.`)
          return
        }
        const { batchIndex, root, rowCount, rowIds, txHash, resumed } = batch
        context.io.out(
          `Committed batch ${batchIndex} of datanet ${datanetId}${resumed ? ' (resumed an interrupted commit)' : ''}:`,
        )
        context.io.out(`  root  ${root}`)
        context.io.out(`  rows  ${rowCount}`)
        context.io.out(`  tx    ${txHash ?? 'unknown (sent by the interrupted attempt)'}`)
        const rejected: Hex[] = []
        for (const rowId of rowIds)
          if (!(await verifyRowOnChain(connection, await rowProof(store, rowId)))) rejected.push(rowId)
        if (rejected.length > 0) throw new RowProofRejectedError(rejected, batchIndex)
        context.io.out(
          `Verified on-chain: the registry accepts the proof of every row (${rowCount}) against root ${root}.`,
        )
      })
    })
}
