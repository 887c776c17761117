import { type LlamaConfig, type LoraModule, loraModuleShape, loraModules } from '../model/types.js'
import { AdapterSlotError } from './AdapterSlotError.js'

/**
 * Adapter weights stacked by slot, the LoRA inputs of the ONNX graph. Indexed `[layer][moduleIndex]`
 * (moduleIndex: index in `modules`): `a[l][m]` is [slots, in, rank] holding Aᵀ, `b[l][m]` is
 * [slots, rank, out] holding scale·Bᵀ, so a row x of slot s gets x·a[s]·b[s] = scale·B·A·x. Adapters of a
 * lower rank are zero-padded; slot 0 stays all zeros (the plain base model).
 */
export type SlotBuffers = {
  slots: number
  rank: number
  modules: readonly LoraModule[]
  a: Float32Array[][]
  b: Float32Array[][]
}

/**
 * Allocates zeroed slot buffers for `slots` slots (slot 0 included) of up to `rank`, over `modules`.
 *
 * @example
 * const buffers = createSlotBuffers(config, { slots: 9, rank: 16, modules: loraModules })
 * writeSlot(buffers, 1, lora)
 */
export function createSlotBuffers(
  config: LlamaConfig,
  options: { slots: number; rank: number; modules: readonly LoraModule[] },
): SlotBuffers {
  const { slots, rank, modules } = options
  if (!Number.isInteger(slots) || slots < 1)
    throw new AdapterSlotError(`slots must be an integer ≥ 1, not ${slots}`)
  if (!Number.isInteger(rank) || rank < 1)
    throw new AdapterSlotError(`rank must be an integer ≥ 1, not ${rank}`)
  const unknown = modules.filter((module) => !loraModules.includes(module))
  if (unknown.length) throw new AdapterSlotError(`unknown module(s) ${unknown.join(', ')}`)
  if (new Set(modules).size !== modules.length) throw new AdapterSlotError('modules are listed twice')
  const a: Float32Array[][] = []
  const b: Float32Array[][] = []
  for (let layer = 0; layer < config.nLayers; layer++) {
    a.push(modules.map((module) => new Float32Array(slots * loraModuleShape(config, module).in * rank)))
    b.push(modules.map((module) => new Float32Array(slots * rank * loraModuleShape(config, module).out)))
  }
  return { slots, rank, modules: [...modules], a, b }
}
