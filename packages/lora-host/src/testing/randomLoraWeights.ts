import { type LlamaConfig, type LoraModule, type LoraWeights, loraModuleShape } from '../model/types.js'
import { createRandom } from '../random/createRandom.js'

export type RandomLoraWeightsParameters = {
  rank: number
  /** lora_alpha; the scale is alpha / rank. */
  alpha: number
  modules: readonly LoraModule[]
  seed: number
  /** Spread of A and B (uniform in ±spread, never exactly 0 for B); default 0.05. */
  spread?: number
  /** Which layers get the modules; default all. */
  layers?: readonly number[]
}

/**
 * A seeded random LoRA adapter for tests: A [r, in] and B [out, r] for each chosen module of each layer,
 * B non-zero (unlike a freshly initialised PEFT adapter, so the adapter changes the output).
 *
 * @example
 * const lora = randomLoraWeights(model.weights.config, { rank: 4, alpha: 8, modules: ['q_proj', 'v_proj'], seed: 7 })
 */
export function randomLoraWeights(config: LlamaConfig, parameters: RandomLoraWeightsParameters): LoraWeights {
  const random = createRandom(parameters.seed)
  const spread = parameters.spread ?? 0.05
  const r = parameters.rank
  const uniform = (length: number) => Float32Array.from({ length }, () => (random() * 2 - 1) * spread)
  const nonZero = (length: number) =>
    Float32Array.from({ length }, () => {
      const u = random() * 2 - 1
      return (Math.sign(u) || 1) * (0.1 + 0.9 * Math.abs(u)) * spread
    })
  const chosen = new Set(parameters.layers ?? Array.from({ length: config.nLayers }, (_, l) => l))
  const layers = Array.from({ length: config.nLayers }, (_, l) => {
    const modules: LoraWeights['layers'][number] = {}
    if (!chosen.has(l)) return modules
    for (const module of parameters.modules) {
      const shape = loraModuleShape(config, module)
      modules[module] = { rank: r, a: uniform(r * shape.in), b: nonZero(shape.out * r) }
    }
    return modules
  })
  return { rank: r, scale: parameters.alpha / r, layers }
}
