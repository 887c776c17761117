import type { LlamaConfig, LoraModule, LoraPair, LoraWeights } from '../model/types.js'
import { loraModuleShape } from '../model/types.js'
import { readSafetensors, type SafetensorsTensor } from '../safetensors/safetensors.js'
import { AdapterValidationError } from './AdapterValidationError.js'
import { parseAdapterConfig } from './parseAdapterConfig.js'
import { peftKey } from './peftKey.js'

/** The two files of a PEFT adapter folder. */
export type PeftAdapterFiles = {
  /** `adapter_config.json` */
  config: Uint8Array | string
  /** `adapter_model.safetensors` */
  weights: Uint8Array
}

/** The base model adapters must fit. */
export type AdapterBase = {
  modelId: string
  config: LlamaConfig
  maxRank: number
  /** The modules the host's slots hold; an adapter of any other is refused. Default: all seven. */
  modules?: readonly LoraModule[] | undefined
}

export type ParsedPeftAdapter = LoraWeights & {
  targetModules: LoraModule[]
  alpha: number
  baseModel?: string
}

/**
 * Parses a PEFT LoRA adapter and checks every part of it against the base model before anything uses it:
 * the config (see `parseAdapterConfig`), then the tensors: for each layer and target module exactly
 * `lora_A` [r, in] and `lora_B` [out, r], nothing else, every value finite. scale = lora_alpha / r.
 * Throws `AdapterValidationError` naming what is wrong.
 *
 * @example
 * const lora = parsePeftAdapter(
 *   { config: readFileSync('adapter_config.json'), weights: readFileSync('adapter_model.safetensors') },
 *   { modelId: 'stories260K', config: model.weights.config, maxRank: 16 },
 * )
 */
export function parsePeftAdapter(files: PeftAdapterFiles, base: AdapterBase): ParsedPeftAdapter {
  const config = parseAdapterConfig(files.config, base)
  const { rank, targetModules } = config
  let tensors: Map<string, SafetensorsTensor>
  try {
    tensors = readSafetensors(files.weights, 'adapter_model.safetensors')
  } catch (error) {
    const reason = (error as { shortMessage?: string }).shortMessage ?? String(error)
    throw new AdapterValidationError(reason.replace(/\.$/, ''), { cause: error })
  }
  const { nLayers } = base.config
  const expected = new Set<string>()
  for (let layer = 0; layer < nLayers; layer++) {
    for (const module of targetModules)
      expected.add(peftKey(layer, module, 'A')).add(peftKey(layer, module, 'B'))
  }
  for (const key of tensors.keys()) {
    if (!expected.has(key)) {
      throw new AdapterValidationError(
        `unexpected tensor ${key} (expected lora_A and lora_B of ${targetModules.join(', ')} in layers 0-${nLayers - 1})`,
      )
    }
  }
  const layers: Partial<Record<LoraModule, LoraPair>>[] = []
  for (let layer = 0; layer < nLayers; layer++) {
    const modules: Partial<Record<LoraModule, LoraPair>> = {}
    for (const module of targetModules) {
      const shape = loraModuleShape(base.config, module)
      const a = tensorOf(tensors, peftKey(layer, module, 'A'), [rank, shape.in])
      const b = tensorOf(tensors, peftKey(layer, module, 'B'), [shape.out, rank])
      modules[module] = { a, b, rank }
    }
    layers.push(modules)
  }
  return { ...config, scale: config.alpha / rank, layers }
}

function tensorOf(
  tensors: Map<string, SafetensorsTensor>,
  key: string,
  shape: [number, number],
): Float32Array {
  const tensor = tensors.get(key)
  if (!tensor) throw new AdapterValidationError(`missing tensor ${key}`)
  if (tensor.shape.length !== 2 || tensor.shape[0] !== shape[0] || tensor.shape[1] !== shape[1]) {
    throw new AdapterValidationError(
      `tensor ${key} has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`,
    )
  }
  const data = tensor.data
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new AdapterValidationError(`tensor ${key} has a non-finite value (${data[i]}) at index ${i}`)
    }
  }
  return data
}
