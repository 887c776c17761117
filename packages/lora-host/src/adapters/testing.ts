import { type LlamaConfig, type LoraModule, loraModuleShape, loraModules } from '../model/types.js'
import { createRandom } from '../random/createRandom.js'
import { type SafetensorsDtype, writeSafetensors } from '../safetensors/safetensors.js'
import { peftKey } from './peftKey.js'

/** The shape of stories260K (llama2.c): the small test model. */
export const tinyLlamaConfig: LlamaConfig = {
  dim: 64,
  hiddenDim: 172,
  nLayers: 5,
  nHeads: 8,
  nKvHeads: 4,
  headDim: 8,
  vocabSize: 512,
  maxSeqLen: 512,
  normEps: 1e-5,
  ropeTheta: 10000,
  ropeStyle: 'interleaved',
  tiedEmbeddings: true,
}

export type GeneratePeftAdapterParameters = {
  config: LlamaConfig
  rank: number
  /** lora_alpha; defaults to 2·rank. */
  alpha?: number
  /** Target modules; defaults to all seven. */
  modules?: readonly LoraModule[]
  /** Same seed, same bytes. Defaults to 1. */
  seed?: number
  /** B all zeros, as PEFT initialises it: the adapter changes nothing. */
  zeroB?: boolean
  /** base_model_name_or_path; defaults to 'stories260K', null leaves it out. */
  baseModel?: string | null
  /** Tensor dtype; defaults to F32. */
  dtype?: SafetensorsDtype
  /** Fields merged over the generated adapter_config.json (to test unsupported or bad settings). */
  configOverrides?: Record<string, unknown>
}

/**
 * Generates the files of a random PEFT LoRA adapter (`adapter_config.json` as PEFT writes it and
 * `adapter_model.safetensors` with PEFT's key names), deterministic per seed. For tests and benches.
 *
 * @example
 * const files = generatePeftAdapter({ config: tinyLlamaConfig, rank: 8, modules: ['q_proj', 'v_proj'], seed: 7 })
 * const lora = parsePeftAdapter(files, { modelId: 'stories260K', config: tinyLlamaConfig, maxRank: 8 })
 */
export function generatePeftAdapter(parameters: GeneratePeftAdapterParameters): {
  config: Uint8Array
  weights: Uint8Array
} {
  const { config, rank, modules = loraModules, seed = 1, zeroB = false } = parameters
  const random = createRandom(seed)
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {}
  for (let layer = 0; layer < config.nLayers; layer++) {
    for (const module of modules) {
      const shape = loraModuleShape(config, module)
      const a = new Float32Array(rank * shape.in)
      const bound = 1 / Math.sqrt(shape.in)
      for (let i = 0; i < a.length; i++) a[i] = (random() * 2 - 1) * bound
      const b = new Float32Array(shape.out * rank)
      if (!zeroB) for (let i = 0; i < b.length; i++) b[i] = (random() * 2 - 1) * 0.05
      tensors[peftKey(layer, module, 'A')] = { shape: [rank, shape.in], data: a }
      tensors[peftKey(layer, module, 'B')] = { shape: [shape.out, rank], data: b }
    }
  }
  const baseModel = parameters.baseModel === undefined ? 'stories260K' : parameters.baseModel
  const json = {
    alpha_pattern: {},
    auto_mapping: null,
    ...(baseModel === null ? {} : { base_model_name_or_path: baseModel }),
    bias: 'none',
    fan_in_fan_out: false,
    inference_mode: true,
    init_lora_weights: true,
    layers_pattern: null,
    layers_to_transform: null,
    lora_alpha: parameters.alpha ?? 2 * rank,
    lora_dropout: 0.05,
    modules_to_save: null,
    peft_type: 'LORA',
    r: rank,
    rank_pattern: {},
    revision: null,
    target_modules: [...modules],
    task_type: 'CAUSAL_LM',
    use_dora: false,
    use_rslora: false,
    ...parameters.configOverrides,
  }
  return {
    config: new TextEncoder().encode(JSON.stringify(json, null, 2)),
    weights: writeSafetensors(tensors, parameters.dtype ?? 'F32', { format: 'pt' }),
  }
}
