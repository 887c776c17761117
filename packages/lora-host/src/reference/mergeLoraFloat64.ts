import {
  type LlamaLayerWeights,
  type LlamaWeights,
  type LoraWeights,
  loraModuleShape,
  loraModules,
  loraModuleWeight,
} from '../model/types.js'
import { ReferenceInputError } from './errors.js'

type Float64Layer = { [K in keyof LlamaLayerWeights]: Float64Array }

/** The weights as float64 copies, with W + scale·B·A merged into every module the LoRA adapts. */
export type Float64Weights = {
  tokenEmbedding: Float64Array
  layers: Float64Layer[]
  finalNorm: Float64Array
  classifier: Float64Array
}

/**
 * Copies the weights to float64 and merges a LoRA adapter into the copies: W[o, i] += scale·Σ_r B[o, r]·A[r, i].
 * Merging (rather than adding a side path) keeps the reference independent of how the graph applies LoRA.
 *
 * @example
 * const merged = mergeLoraFloat64(weights, lora)
 */
export function mergeLoraFloat64(weights: LlamaWeights, lora?: LoraWeights): Float64Weights {
  const layers = weights.layers.map((layer) => {
    const copy = {} as Float64Layer
    for (const key of Object.keys(layer) as (keyof LlamaLayerWeights)[])
      copy[key] = Float64Array.from(layer[key])
    return copy
  })
  if (lora) {
    if (lora.layers.length > layers.length) {
      throw new ReferenceInputError(`the LoRA has ${lora.layers.length} layers, the model ${layers.length}`)
    }
    lora.layers.forEach((modules, l) => {
      for (const module of loraModules) {
        const pair = modules[module]
        if (!pair) continue
        const { in: n, out } = loraModuleShape(weights.config, module)
        const r = pair.rank
        if (pair.a.length !== r * n || pair.b.length !== out * r) {
          throw new ReferenceInputError(
            `layer ${l} ${module}: A has ${pair.a.length} values and B ${pair.b.length}, expected ${r}×${n} and ${out}×${r}`,
          )
        }
        const w = layers[l]![loraModuleWeight[module]]
        for (let o = 0; o < out; o++) {
          for (let k = 0; k < r; k++) {
            const b = lora.scale * pair.b[o * r + k]!
            if (b === 0) continue
            for (let i = 0; i < n; i++) w[o * n + i]! += b * pair.a[k * n + i]!
          }
        }
      }
    })
  }
  const tokenEmbedding = Float64Array.from(weights.tokenEmbedding)
  return {
    tokenEmbedding,
    layers,
    finalNorm: Float64Array.from(weights.finalNorm),
    classifier: weights.config.tiedEmbeddings ? tokenEmbedding : Float64Array.from(weights.classifier),
  }
}
