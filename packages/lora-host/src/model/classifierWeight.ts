import { transposeMatrix } from './transposeMatrix.js'
import type { LlamaWeights } from './types.js'

/**
 * The classifier laid out as a graph's right-hand MatMul operand: `[dim, vocabSize]` (the weights hold it
 * `[vocabSize, dim]`, the token embedding itself when tied).
 *
 * @example
 * const data = classifierWeight(model.weights) // hidden [N, dim] · data → logits [N, vocabSize]
 */
export function classifierWeight(weights: LlamaWeights): Float32Array {
  return transposeMatrix(weights.classifier, weights.config.vocabSize, weights.config.dim)
}
