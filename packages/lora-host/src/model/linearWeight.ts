import { transposeMatrix } from './transposeMatrix.js'
import { type LlamaWeights, type LoraModule, loraModuleShape, loraModuleWeight } from './types.js'

/**
 * One layer's projection, by its PEFT module name, laid out as a graph's right-hand MatMul operand:
 * `[in, out]` (the weights hold it `[out, in]`). The serving and the training graphs both take their base
 * matrices from here.
 *
 * @example
 * const { in: inDim, out, data } = linearWeight(model.weights, 0, 'q_proj') // data: [in, out]
 */
export function linearWeight(
  weights: LlamaWeights,
  layer: number,
  module: LoraModule,
): { in: number; out: number; data: Float32Array } {
  const shape = loraModuleShape(weights.config, module)
  const matrix = weights.layers[layer]![loraModuleWeight[module]]
  return { ...shape, data: transposeMatrix(matrix, shape.out, shape.in) }
}
