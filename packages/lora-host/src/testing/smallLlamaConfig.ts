import type { LlamaConfig } from '../model/types.js'

/**
 * A small Llama shape in Hugging Face's layout for tests on random weights: RoPE over halves, a separate
 * classifier, 2 kv heads for 4 query heads, 40 tokens.
 *
 * @example
 * const weights = randomLlamaWeights(smallLlamaConfig, { seed: 3, scale: 0.3 })
 */
export const smallLlamaConfig: LlamaConfig = {
  dim: 32,
  hiddenDim: 48,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  headDim: 8,
  vocabSize: 40,
  maxSeqLen: 64,
  normEps: 1e-6,
  ropeTheta: 10000,
  ropeStyle: 'halves',
  tiedEmbeddings: false,
}
