import type { InfluenceScorer } from './InfluenceScorer.js'

/**
 * The influence scorer for a stack without gradient features: it always finds no evidence, so fusion gives
 * the influence weight to the other methods.
 *
 * @example
 * await noInfluence.score({ answerTokens: [5, 9], adapters: ['defi'] }) // { method: 'influence', rows: [] }
 */
export const noInfluence: InfluenceScorer = {
  score: async () => ({ method: 'influence', rows: [] }),
}
