import { type Hex, isHex } from 'viem'
import { type FuseReturnType, fuse } from '../fusion/fuse.js'
import type { AttributionMethod, MethodScores } from '../fusion/types.js'
import type { InfluenceScorer } from '../influence/index.js'
import { type RetrievalEvidence, scoreRetrieval } from '../retrieval/scoreRetrieval.js'
import { type FindSpansOptions, findSpans } from '../spans/findSpans.js'
import { scoreSpans } from '../spans/scoreSpans.js'
import type { Span, SpanIndex } from '../spans/types.js'

/** A span index over one datanet's rows (row ids are the datanet's bytes32 row ids). */
export type SpanCorpus = { datanetId: bigint; index: SpanIndex }

export type AttributeAnswerParameters = {
  /** The answer's token ids (the base model's tokenizer). */
  answerTokens: readonly number[]
  /** Corpora to match verbatim spans against: datanets, or an adapter's training rows. */
  corpora?: readonly SpanCorpus[]
  /** Rows retrieved during the run. */
  retrieval?: readonly RetrievalEvidence[]
  /** Gradient influence: the scorer, the answer's adapters, and the prompt the answer followed (if known). */
  influence?: { scorer: InfluenceScorer; adapters: string[]; promptTokens?: number[] } | undefined
  /** Per-method weights (per agent); methods without evidence drop out. Default: span 0.6, retrieval 0.3, influence 0.1. */
  weights?: Partial<Record<AttributionMethod, number>>
  spanOptions?: FindSpansOptions
}

export type AttributeAnswerReturnType = FuseReturnType & {
  /** The verbatim spans found in each corpus, for explaining the result. */
  spans: { datanetId: bigint; spans: Span[] }[]
  methods: MethodScores[]
}

export const defaultMethodWeights: Record<AttributionMethod, number> = {
  span: 0.6,
  retrieval: 0.3,
  influence: 0.1,
}

/**
 * Attributes an answer to Datanet rows and contributors: verbatim spans against each corpus, the retrieval
 * evidence of the run, and gradient influence where a scorer exists, fused into shares that sum to exactly 1e18
 * (or "no evidence").
 *
 * @example
 * const result = await attributeAnswer({ answerTokens, corpora: [{ datanetId: 1n, index }], retrieval })
 * if (result.evidence) console.log(result.contributors)
 */
export async function attributeAnswer(
  parameters: AttributeAnswerParameters,
): Promise<AttributeAnswerReturnType> {
  const methods: MethodScores[] = []
  const found: AttributeAnswerReturnType['spans'] = []
  const spanRows: MethodScores['rows'] = []
  for (const corpus of parameters.corpora ?? []) {
    const spans = findSpans(corpus.index, parameters.answerTokens, parameters.spanOptions)
    found.push({ datanetId: corpus.datanetId, spans })
    const scores = scoreSpans(corpus.index, spans)
    if (!scores.evidence) continue
    for (const row of scores.rows) {
      if (!isHex(row.rowId) || row.rowId.length !== 66) {
        throw new TypeError(`Span index row id ${row.rowId} is not a bytes32 datanet row id.`)
      }
      spanRows.push({
        datanetId: corpus.datanetId,
        rowId: row.rowId as Hex,
        contributor: row.contributor,
        score: row.score,
      })
    }
  }
  methods.push({ method: 'span', rows: spanRows })
  if (parameters.retrieval?.length) methods.push(scoreRetrieval([...parameters.retrieval]))
  if (parameters.influence) {
    methods.push(
      await parameters.influence.scorer.score({
        answerTokens: [...parameters.answerTokens],
        adapters: parameters.influence.adapters,
        ...(parameters.influence.promptTokens ? { promptTokens: parameters.influence.promptTokens } : {}),
      }),
    )
  }
  const fused = fuse(methods, parameters.weights ?? defaultMethodWeights)
  return { ...fused, spans: found, methods }
}
