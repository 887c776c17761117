import type { LlamaConfig, LlamaLayerWeights, LlamaWeights } from '../model/types.js'
import { createRandom } from '../random/createRandom.js'

/**
 * Seeded random float32 weights for a config: matrices uniform in ±scale (default 0.05, so logits stay
 * sane), norm weights in 1 ± 0.1. The classifier is the embedding itself when the config is tied.
 *
 * @example
 * const weights = randomLlamaWeights(config, { seed: 1 })
 */
export function randomLlamaWeights(
  config: LlamaConfig,
  options: { seed: number; scale?: number },
): LlamaWeights {
  const random = createRandom(options.seed)
  const scale = options.scale ?? 0.05
  const matrix = (rows: number, cols: number) =>
    Float32Array.from({ length: rows * cols }, () => (random() * 2 - 1) * scale)
  const norm = (size: number) => Float32Array.from({ length: size }, () => 0.9 + random() * 0.2)
  const { dim, hiddenDim } = config
  const q = config.nHeads * config.headDim
  const kv = config.nKvHeads * config.headDim
  const tokenEmbedding = matrix(config.vocabSize, dim)
  const layers = Array.from(
    { length: config.nLayers },
    (): LlamaLayerWeights => ({
      attnNorm: norm(dim),
      wq: matrix(q, dim),
      wk: matrix(kv, dim),
      wv: matrix(kv, dim),
      wo: matrix(dim, q),
      ffnNorm: norm(dim),
      w1: matrix(hiddenDim, dim),
      w2: matrix(dim, hiddenDim),
      w3: matrix(hiddenDim, dim),
    }),
  )
  const finalNorm = norm(dim)
  const classifier = config.tiedEmbeddings ? tokenEmbedding : matrix(config.vocabSize, dim)
  return { config, tokenEmbedding, layers, finalNorm, classifier }
}
