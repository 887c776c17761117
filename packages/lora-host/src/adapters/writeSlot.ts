import type { LoraWeights } from '../model/types.js'
import { AdapterSlotError } from './AdapterSlotError.js'
import type { SlotBuffers } from './createSlotBuffers.js'

/**
 * Writes an adapter into one slot: Aᵀ and scale·Bᵀ, zero-padded from its rank up to the buffers' rank, zeros
 * for modules it does not adapt; `null` clears the slot. Checks that the adapter fits before writing
 * anything, so a slot is never half-written. Slot 0 is the plain base model and only takes `null`.
 *
 * @example
 * writeSlot(buffers, 3, registry.readWeights('defi'))
 * writeSlot(buffers, 3, null) // slot 3 is the base model again
 */
export function writeSlot(buffers: SlotBuffers, slot: number, lora: LoraWeights | null): void {
  const { slots, rank, modules } = buffers
  if (!Number.isInteger(slot) || slot < 0 || slot >= slots) {
    throw new AdapterSlotError(`out of range (the buffers have slots 0-${slots - 1})`, slot)
  }
  if (lora && slot === 0)
    throw new AdapterSlotError('slot 0 is the plain base model and holds no adapter', slot)
  if (lora) checkFits(buffers, slot, lora)
  for (let layer = 0; layer < buffers.a.length; layer++) {
    for (let m = 0; m < modules.length; m++) {
      const aAll = buffers.a[layer]![m]!
      const bAll = buffers.b[layer]![m]!
      const inDim = aAll.length / (slots * rank)
      const outDim = bAll.length / (slots * rank)
      const a = aAll.subarray(slot * inDim * rank, (slot + 1) * inDim * rank)
      const b = bAll.subarray(slot * rank * outDim, (slot + 1) * rank * outDim)
      a.fill(0)
      b.fill(0)
      const pair = lora?.layers[layer]?.[modules[m]!]
      if (!lora || !pair) continue
      const r = pair.rank
      // A is [r, in] → Aᵀ [in, rank]; B is [out, r] → scale·Bᵀ [rank, out]. Rows/columns ≥ r stay zero.
      for (let j = 0; j < r; j++) {
        for (let i = 0; i < inDim; i++) a[i * rank + j] = pair.a[j * inDim + i]!
      }
      for (let o = 0; o < outDim; o++) {
        for (let j = 0; j < r; j++) b[j * outDim + o] = lora.scale * pair.b[o * r + j]!
      }
    }
  }
}

function checkFits(buffers: SlotBuffers, slot: number, lora: LoraWeights): void {
  const { slots, rank, modules } = buffers
  if (lora.rank > rank)
    throw new AdapterSlotError(`adapter rank ${lora.rank} is above the slots' rank ${rank}`, slot)
  if (!Number.isFinite(lora.scale))
    throw new AdapterSlotError(`adapter scale ${lora.scale} is not finite`, slot)
  if (lora.layers.length !== buffers.a.length) {
    throw new AdapterSlotError(
      `adapter has ${lora.layers.length} layers, the model ${buffers.a.length}`,
      slot,
    )
  }
  lora.layers.forEach((layer, l) => {
    for (const [module, pair] of Object.entries(layer)) {
      const m = modules.indexOf(module as (typeof modules)[number])
      if (m < 0) {
        throw new AdapterSlotError(
          `the adapter adapts ${module}, which the slot buffers do not hold (${modules.join(', ')})`,
          slot,
        )
      }
      const inDim = buffers.a[l]![m]!.length / (slots * rank)
      const outDim = buffers.b[l]![m]!.length / (slots * rank)
      if (pair.rank > rank || pair.a.length !== pair.rank * inDim || pair.b.length !== outDim * pair.rank) {
        throw new AdapterSlotError(
          `layer ${l} ${module} does not have shapes [r, ${inDim}] and [${outDim}, r]`,
          slot,
        )
      }
    }
  })
}
