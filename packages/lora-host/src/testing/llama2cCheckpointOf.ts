import type { LlamaWeights } from '../model/types.js'

/**
 * Serialises weights in llama2.c's checkpoint format (header, then each tensor kind for all layers in
 * turn; vocab_size negative and wcls at the end when the classifier is not tied). The freq_cis tables,
 * which run.c skips, are written as zeros.
 *
 * @example
 * writeFileSync('model.bin', llama2cCheckpointOf(weights))
 */
export function llama2cCheckpointOf(weights: LlamaWeights): Uint8Array {
  const c = weights.config
  const arrays: Float32Array[] = [weights.tokenEmbedding]
  const kinds = ['attnNorm', 'wq', 'wk', 'wv', 'wo', 'ffnNorm', 'w1', 'w2', 'w3'] as const
  for (const kind of kinds) for (const layer of weights.layers) arrays.push(layer[kind])
  arrays.push(weights.finalNorm, new Float32Array(c.maxSeqLen * c.headDim))
  if (!c.tiedEmbeddings) arrays.push(weights.classifier)
  const floats = arrays.reduce((n, a) => n + a.length, 0)
  const out = new Uint8Array(28 + floats * 4)
  const view = new DataView(out.buffer)
  const vocab = c.tiedEmbeddings ? c.vocabSize : -c.vocabSize
  ;[c.dim, c.hiddenDim, c.nLayers, c.nHeads, c.nKvHeads, vocab, c.maxSeqLen].forEach((v, i) => {
    view.setInt32(i * 4, v, true)
  })
  let at = 28
  for (const array of arrays) {
    for (const v of array) {
      view.setFloat32(at, v, true)
      at += 4
    }
  }
  return out
}
