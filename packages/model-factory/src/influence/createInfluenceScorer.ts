import type { InfluenceInput, InfluenceScorer, ScoredRow } from '@openledger/attribution'
import type { LlamaWeights, LoraModule } from '@openledger/lora-host'
import type { TokenSequence } from '../train/TrainingSession.js'
import { TrainingSession } from '../train/TrainingSession.js'
import type { InfluenceFeatures } from './InfluenceFeatures.js'
import { scoreInfluence } from './scoreInfluence.js'

export type CreateInfluenceScorerParameters = {
  weights: LlamaWeights
  /** Features by adapter id (the ids answers name their adapters by: sha256 or registry name). */
  features: ReadonlyMap<string, InfluenceFeatures>
  /** BOS, prepended to an answer scored without its prompt. */
  bos: number
}

/**
 * The attribution engine's influence scorer, from ModelFactory's stored gradient features: for each adapter
 * of the answer that has features, every training row's TracIn-CP score (`scoreInfluence`); positive scores
 * only, summed per row across adapters. The answer is scored as the continuation of its prompt when the prompt
 * is given (truncated to the features' context), else as a sequence on its own.
 *
 * @example
 * const influence = createInfluenceScorer({ weights, features: new Map([[sha256, readInfluenceFeatures(dir)]]), bos: 1 })
 * await attributeAnswer({ …, influence })
 */
export function createInfluenceScorer(
  parameters: CreateInfluenceScorerParameters,
): InfluenceScorer & { close(): Promise<void> } {
  const sessions = new Map<string, Promise<TrainingSession>>()
  const sessionFor = (features: InfluenceFeatures) => {
    const key = JSON.stringify(features.training)
    let session = sessions.get(key)
    if (!session) {
      session = TrainingSession.create(parameters.weights, {
        batch: 1,
        ...features.training,
        modules: features.training.modules as LoraModule[],
      })
      sessions.set(key, session)
    }
    return session
  }
  return {
    async score(input: InfluenceInput) {
      const totals = new Map<string, ScoredRow>()
      for (const adapter of [...new Set(input.adapters)].sort()) {
        const features = parameters.features.get(adapter)
        if (!features || input.answerTokens.length === 0) continue
        const sequence = answerSequence(input, parameters.bos, features.training.seqLen)
        if (!sequence) continue
        const scores = await scoreInfluence(await sessionFor(features), features, sequence)
        for (const [i, row] of features.rows.entries()) {
          const score = scores[i]!
          if (!(score > 0) || !Number.isFinite(score)) continue
          const key = `${row.datanetId}:${row.rowId}`
          const previous = totals.get(key)
          totals.set(key, { ...row, score: (previous?.score ?? 0) + score })
        }
      }
      return { method: 'influence', rows: [...totals.values()] }
    },
    async close() {
      for (const session of sessions.values()) await (await session).release()
      sessions.clear()
    },
  }
}

/** The answer as a training sequence that fits `seqLen`: prompt + answer, the loss on the answer only. */
function answerSequence(input: InfluenceInput, bos: number, seqLen: number): TokenSequence | undefined {
  const prompt = input.promptTokens?.length ? input.promptTokens : [bos]
  // Keep the end of a long prompt and the start of a long answer: the tokens nearest the boundary matter most.
  const answer = input.answerTokens.slice(0, seqLen)
  const room = Math.max(1, seqLen + 1 - answer.length)
  const kept = prompt.slice(-room)
  const tokens = [...kept, ...answer].slice(0, seqLen + 1)
  if (tokens.length < 2) return undefined
  const lossMask = tokens.slice(1).map((_, i) => i + 1 >= kept.length)
  return { tokens, lossMask }
}
