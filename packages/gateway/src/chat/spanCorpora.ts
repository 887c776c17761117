import { buildSpanIndex, type SpanCorpus } from '@openledger/attribution'
import { type DatanetRef, type DatanetRow, embeddingText, listRows } from '@openledger/datanets'
import type { Tokenizer } from '@openledger/lora-host'
import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'

type Entry = { signature: string; corpus: SpanCorpus | undefined; texts: Map<Hex, string>; checkedAt: number }

/** A datanet's accepted rows as span attribution needs them: the index and each row's text. */
export type DatanetCorpus = { corpus: SpanCorpus | undefined; texts: ReadonlyMap<Hex, string> }

const PAGE = 1_000

async function acceptedRows(store: StoreSession, datanet: DatanetRef): Promise<DatanetRow[]> {
  const rows: DatanetRow[] = []
  for (;;) {
    const batch = await listRows(store, { datanet, status: 'accepted', limit: PAGE, offset: rows.length })
    rows.push(...batch)
    if (batch.length < PAGE) return rows
  }
}

/**
 * Span indexes over datanets' accepted rows, cached per datanet and rebuilt when its accepted rows change
 * (checked at most every `recheckMs`): tokenized as the datanets package embeds them.
 */
export class SpanCorpusCache {
  private readonly entries = new Map<string, Entry>()
  /** Loads in flight by datanet: concurrent requests share one read and one build. */
  private readonly loading = new Map<string, Promise<Entry>>()

  constructor(
    private readonly store: StoreSession,
    private readonly tokenizer: Tokenizer,
    private readonly recheckMs = 5_000,
  ) {}

  async get(datanet: DatanetRef): Promise<DatanetCorpus> {
    const key = `${datanet.chainId}:${datanet.registry}:${datanet.datanetId}`
    const cached = this.entries.get(key)
    if (cached && Date.now() - cached.checkedAt < this.recheckMs) return cached
    const pending = this.loading.get(key)
    if (pending) return pending
    const load = this.load(key, datanet, cached).finally(() => this.loading.delete(key))
    this.loading.set(key, load)
    return load
  }

  private async load(key: string, datanet: DatanetRef, cached: Entry | undefined): Promise<Entry> {
    const rows = await acceptedRows(this.store, datanet)
    const signature = `${rows.length}:${rows.map((r) => r.rowId.slice(2, 10)).join('')}`
    if (cached?.signature === signature) {
      cached.checkedAt = Date.now()
      return cached
    }
    const texts = new Map(rows.map((row) => [row.rowId, embeddingText(row.content)]))
    const corpus: SpanCorpus | undefined = rows.length
      ? {
          datanetId: datanet.datanetId,
          index: buildSpanIndex(
            rows.map((row) => ({
              rowId: row.rowId,
              contributor: row.contributor,
              tokens: this.tokenizer.encode(texts.get(row.rowId)!),
            })),
          ),
        }
      : undefined
    const entry = { signature, corpus, texts, checkedAt: Date.now() }
    this.entries.set(key, entry)
    return entry
  }
}
