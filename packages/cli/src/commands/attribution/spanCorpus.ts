import { buildSpanIndex, type SpanCorpus } from '@openledger/attribution'
import { type DatanetRef, embeddingText } from '@openledger/datanets'
import type { Tokenizer } from '@openledger/lora-host'
import type { StoreSession } from '@openledger/store'
import { listAllRows } from '../datanet/listAllRows.js'

/**
 * The span index over a datanet's accepted rows, each tokenized as the datanets package embeds it (a text,
 * or its prompt and completion on two lines: a span may run from the prompt into the completion); undefined
 * when the datanet has no accepted row. Built in memory on every call: fine for the CLI's datanets, where
 * SA-IS indexes about 3M tokens a second.
 */
export async function datanetSpanCorpus(
  store: StoreSession,
  datanet: DatanetRef,
  tokenizer: Tokenizer,
): Promise<SpanCorpus | undefined> {
  const rows = await listAllRows(store, datanet, 'accepted')
  if (rows.length === 0) return undefined
  const index = buildSpanIndex(
    rows.map((row) => ({
      rowId: row.rowId,
      contributor: row.contributor,
      tokens: tokenizer.encode(embeddingText(row.content)),
    })),
  )
  return { datanetId: datanet.datanetId, index }
}
