import { join } from 'node:path'
import { hostEmbedder, openIndex, searchDatanet } from '@openledger/datanets'
import { LoraHost, loadBaseModel } from '@openledger/lora-host'
import type { Command } from 'commander'
import { withRpcUrl } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { parseDatanetId, parseIntegerIn } from '../../options.js'
import { progressBar } from '../../progressBar.js'
import { defaultModelPath } from '../loraHost/defaultModelPath.js'
import { rowPreview } from './rowPreview.js'
import { withDatanet } from './withDatanet.js'

type SearchOptions = { rpcUrl?: string; k: number; model: string }

export function datanetSearchCommand(datanet: Command, context: Context): void {
  withRpcUrl(
    datanet
      .command('search')
      .argument('<id>', 'the datanet', parseDatanetId)
      .argument('<query>', 'what to look for'),
  )
    .description(
      "Search a datanet's accepted rows by meaning: the base model embeds (in process), its hnswlib index under $OPENLEDGER_HOME/indexes finds.",
    )
    .option('--k <n>', 'how many rows', parseIntegerIn(1, 1000), 5)
    .option(
      '--model <path>',
      'the base model that embeds (a llama2.c or Hugging Face folder)',
      defaultModelPath(context),
    )
    .action(async (datanetId: bigint, query: string, options: SearchOptions) => {
      await withDatanet(context, options.rpcUrl, datanetId, async ({ store, datanet }) => {
        const model = await loadBaseModel(options.model)
        // A host only to embed: no adapters are served, so one slot and a small batch will do.
        const host = await LoraHost.create({
          model,
          adaptersDir: join(context.env.OPENLEDGER_HOME, 'adapters'),
          maxBatch: 8,
          residentAdapters: 1,
        })
        try {
          const bar = progressBar(context.io.progressStream, 'embedding', 'rows')
          const index = await openIndex(store, {
            datanet,
            embedder: hostEmbedder(host),
            directory: join(context.env.OPENLEDGER_HOME, 'indexes'),
            onProgress: bar.update,
          }).finally(bar.stop)
          const hits = await searchDatanet(store, index, { query, k: options.k })
          if (hits.length === 0) context.io.out(`No accepted rows in datanet ${datanetId} to search.`)
          for (const hit of hits)
            context.io.out(
              `${String(hit.rank).padStart(2)}. ${hit.score.toFixed(4)}  ${hit.rowId}  ${hit.contributor}  ${rowPreview(hit.content)}`,
            )
        } finally {
          await host.close()
        }
      })
    })
}
