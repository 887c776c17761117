import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import {
  type LlamaConfig,
  loraModuleShape,
  peftKey,
  transposeMatrix,
  writeSafetensors,
} from '@openledger/lora-host'
import { trainingNames } from './buildTrainingGraph.js'
import type { FineTuneResult } from './fineTune.js'

export type PeftAdapterFilesParameters = {
  result: Pick<FineTuneResult, 'state' | 'rank' | 'alpha' | 'modules'>
  config: LlamaConfig
  /** base_model_name_or_path, e.g. the host's model id. */
  baseModel: string
}

/**
 * A trained adapter as PEFT saves one: `adapter_config.json` and `adapter_model.safetensors` with
 * `lora_A.weight` [r, in] and `lora_B.weight` [out, r] per layer and module (the graph holds their transposes).
 * Deterministic: the same state gives the same bytes, so the same content address.
 *
 * @example
 * const files = peftAdapterFiles({ result, config: model.weights.config, baseModel: model.id })
 */
export function peftAdapterFiles({ result, config, baseModel }: PeftAdapterFilesParameters): {
  config: Uint8Array
  weights: Uint8Array
} {
  const { state, rank, alpha, modules } = result
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {}
  for (let layer = 0; layer < config.nLayers; layer++)
    for (const module of modules) {
      const shape = loraModuleShape(config, module)
      const a = state.get(trainingNames.loraA(layer, module))! // [in, r]
      const b = state.get(trainingNames.loraB(layer, module))! // [r, out]
      tensors[peftKey(layer, module, 'A')] = {
        shape: [rank, shape.in],
        data: transposeMatrix(a, shape.in, rank),
      }
      tensors[peftKey(layer, module, 'B')] = {
        shape: [shape.out, rank],
        data: transposeMatrix(b, rank, shape.out),
      }
    }
  const json = {
    base_model_name_or_path: baseModel,
    bias: 'none',
    fan_in_fan_out: false,
    inference_mode: true,
    init_lora_weights: true,
    lora_alpha: alpha,
    lora_dropout: 0,
    peft_type: 'LORA',
    r: rank,
    target_modules: [...modules],
    task_type: 'CAUSAL_LM',
    use_dora: false,
    use_rslora: false,
  }
  return {
    config: new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`),
    weights: writeSafetensors(tensors, 'F32', { format: 'pt' }),
  }
}

/**
 * Writes PEFT files into `dir` all at once: into a sibling temporary folder first, renamed into place, so a
 * crash or a cancel never leaves half an adapter. Fails if `dir` exists.
 *
 * @example
 * writePeftAdapter('adapters/defi', files)
 */
export function writePeftAdapter(dir: string, files: { config: Uint8Array; weights: Uint8Array }): void {
  const temporary = join(dirname(dir), `.${Date.now()}-${process.pid}.partial`)
  mkdirSync(temporary, { recursive: true })
  try {
    writeFileSync(join(temporary, 'adapter_config.json'), files.config)
    writeFileSync(join(temporary, 'adapter_model.safetensors'), files.weights)
    renameSync(temporary, dir)
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true })
    throw error
  }
}
