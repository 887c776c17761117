import { dispatchCustomEvent } from '@langchain/core/callbacks/dispatch'
import { tool } from '@langchain/core/tools'
import { type DatanetIndex, type RowContent, type SearchHit, searchDatanet } from '@openledger/datanets'
import { shortMessageOf } from '@openledger/errors'
import type { StoreSession } from '@openledger/store'
import { z } from 'zod'

/**
 * The custom event agent-runtime's EvidenceCollector reads retrieved rows from. The same string as its
 * `RETRIEVAL_EVENT`: tools cannot import agent-runtime (it sits above them), and a test checks both match.
 */
export const DATANET_RETRIEVAL_EVENT = 'openledger.retrieval'

export type DatanetSearchToolParameters = {
  store: StoreSession
  /** The indexes to search, e.g. `environment.datanets`; hits from all of them are ranked together. */
  datanets: Record<string, DatanetIndex> | readonly DatanetIndex[]
  /** Rows returned when the caller names no `k` (default 3); at most 20. */
  k?: number
  /**
   * Whether the rows found reach a model's prompt (retrieval attribution counts rows left out less). Default
   * true: a tool's result goes back to the model that called it.
   */
  inPrompt?: boolean
}

/** One row a search found, as the tool answers it. */
export type DatanetSearchRow = {
  datanetId: string
  rowId: string
  contributor: string
  license: string
  /** The row as embedded: its text, or prompt and completion on two lines. */
  text: string
  /** The row's content as stored: `{ kind: 'text', text }` or `{ kind: 'prompt_completion', prompt, completion }`. */
  content: RowContent
  similarity: number
  rank: number
}

const MAX_K = 20
const schema = z.object({
  query: z.string().describe('What to look for in the datanets, in plain words'),
  k: z.number().optional().describe('How many rows to return (default 3, at most 20)'),
})

/**
 * A LangChain tool, `datanet_search`: the datanet rows closest to a query (cosine similarity over each
 * datanet's vector index), best first, as `{ rows: [{ datanetId, rowId, contributor, license, text,
 * similarity, rank }] }` JSON. It reports the rows as retrieval evidence (`openledger.retrieval`) so the answer's
 * receipt credits their contributors. Failures come back as `{ error: { code, message } }`, never thrown.
 *
 * @example
 * const search = datanetSearchTool({ store, datanets: environment.datanets })
 * JSON.parse(await search.invoke({ query: 'What is slippage?' })).rows[0].text
 */
export function datanetSearchTool(parameters: DatanetSearchToolParameters) {
  const { store, inPrompt = true } = parameters
  const indexes = Array.isArray(parameters.datanets)
    ? [...parameters.datanets]
    : Object.values(parameters.datanets as Record<string, DatanetIndex>)
  return tool(
    async (input) => {
      const query = typeof input.query === 'string' ? input.query.trim() : ''
      if (!query) return failure('INVALID_INPUT', 'query must be a non-empty text')
      const k = input.k ?? parameters.k ?? 3
      if (!Number.isInteger(k) || k < 1 || k > MAX_K)
        return failure('INVALID_INPUT', `k must be a whole number from 1 to ${MAX_K}, got ${k}`)
      if (indexes.length === 0) return failure('NO_DATANET', 'this agent has no datanet to search')
      let hits: SearchHit[]
      try {
        hits = await searchAll(store, indexes, query, k)
      } catch (error) {
        return failure('SEARCH_ERROR', shortMessageOf(error))
      }
      if (hits.length > 0)
        await dispatchCustomEvent(DATANET_RETRIEVAL_EVENT, {
          rows: hits.map((hit, rank) => ({
            datanetId: hit.datanet.datanetId,
            rowId: hit.rowId,
            contributor: hit.contributor,
            similarity: clampCosine(hit.score),
            rank,
            inPrompt,
          })),
        })
      return JSON.stringify({ rows: hits.map(toRow) })
    },
    {
      name: 'datanet_search',
      description:
        "Searches the agent's datanets (curated, attributed rows of text) for the rows closest in meaning to a query.",
      schema,
    },
  )
}

async function searchAll(
  store: StoreSession,
  indexes: readonly DatanetIndex[],
  query: string,
  k: number,
): Promise<SearchHit[]> {
  const perIndex = await Promise.all(indexes.map((index) => searchDatanet(store, index, { query, k })))
  return perIndex
    .flat()
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((hit, i) => ({ ...hit, rank: i + 1 }))
}

const toRow = (hit: SearchHit): DatanetSearchRow => ({
  datanetId: hit.datanet.datanetId.toString(),
  rowId: hit.rowId,
  contributor: hit.contributor,
  license: hit.license,
  text: hit.text,
  content: hit.content,
  similarity: Number(hit.score.toFixed(6)),
  rank: hit.rank,
})

// hnswlib's cosine distance can put an identical vector a hair past 1; attribution rejects |cosine| > 1 + 1e-6.
const clampCosine = (score: number) => Math.max(-1, Math.min(1, score))

const failure = (code: string, message: string) => JSON.stringify({ error: { code, message } })
