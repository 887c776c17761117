import type { MethodScores } from '../fusion/types.js'

/** What an influence scorer is asked about: the answer's token ids and the adapters that produced it. */
export type InfluenceInput = {
  /** Token ids of the generated answer, in the base model's vocabulary. */
  answerTokens: number[]
  /** Content ids (sha256 or registry ids) of the adapters that generated the answer. */
  adapters: string[]
  /** Token ids of the prompt the answer followed (BOS included), when known: the answer is then scored as a
   * continuation of it, as it was generated. */
  promptTokens?: number[]
}

/**
 * Gradient-influence attribution (TRAK / LoGra style), implemented by ModelFactory where per-example gradient
 * features exist.
 *
 * Contract of `score`:
 * - resolves to `{ method: 'influence', rows }`, where rows are training rows of the given adapters;
 * - a row's `score` estimates how much training on that row raised the likelihood of `answerTokens`
 *   (e.g. the dot product of the answer's projected LoRA gradient with the row's stored feature); negative
 *   influence is clipped to 0 and such rows are left out; every score is finite and ≥ 0;
 * - only ratios between rows matter: fusion normalises the scores to sum 1, so the scale is the scorer's own;
 * - no features for these adapters (or no adapters) → `rows: []`, which fusion treats as no influence evidence
 *   and redistributes the influence weight to the other methods;
 * - the same input gives the same rows (deterministic), in any order;
 * - it rejects only on real failures (corrupt features), never to signal "no evidence".
 *
 * @example
 * const scorer: InfluenceScorer = noInfluence
 * const influence = await scorer.score({ answerTokens: [1, 2, 3], adapters: [] })
 */
export interface InfluenceScorer {
  score(input: InfluenceInput): Promise<MethodScores>
}
