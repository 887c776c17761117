import { describe, expect, it } from 'vitest'
import type { LoraWeights } from '../model/types.js'
import { createSlotBuffers } from './createSlotBuffers.js'
import { parsePeftAdapter } from './parsePeftAdapter.js'
import { tinyLlamaConfig as config, generatePeftAdapter } from './testing.js'
import { writeSlot } from './writeSlot.js'

/** Layer 1 q_proj only, rank 2: A[j][i] = 1000·j + i + 1, B[o][j] = 10·o + j + 1, scale 0.5. */
function knownLora(): LoraWeights {
  const a = new Float32Array(2 * 64).map((_, k) => 1000 * Math.floor(k / 64) + (k % 64) + 1)
  const b = new Float32Array(64 * 2).map((_, k) => 10 * Math.floor(k / 2) + (k % 2) + 1)
  return { rank: 2, scale: 0.5, layers: [{}, { q_proj: { a, b, rank: 2 } }, {}, {}, {}] }
}

const sum = (array: Float32Array) => array.reduce((total, v) => total + Math.abs(v), 0)

describe('createSlotBuffers + writeSlot', () => {
  it('allocates [slot, in, rank] and [slot, rank, out] per layer and module', () => {
    const buffers = createSlotBuffers(config, { slots: 3, rank: 4, modules: ['q_proj', 'down_proj'] })
    expect(buffers.a).toHaveLength(5)
    expect(buffers.a[0]!.map((a) => a.length)).toEqual([3 * 64 * 4, 3 * 172 * 4])
    expect(buffers.b[0]!.map((b) => b.length)).toEqual([3 * 4 * 64, 3 * 4 * 64])
  })

  it('writes Aᵀ and scale·Bᵀ at exact positions, zero-padded, touching nothing else', () => {
    const buffers = createSlotBuffers(config, { slots: 3, rank: 4, modules: ['q_proj', 'down_proj'] })
    writeSlot(buffers, 2, knownLora())
    const a = buffers.a[1]![0]!
    const b = buffers.b[1]![0]!
    const aSlot = 2 * 64 * 4
    const bSlot = 2 * 4 * 64
    for (let i = 0; i < 64; i++) {
      expect([0, 1, 2, 3].map((j) => a[aSlot + i * 4 + j])).toEqual([i + 1, 1000 + i + 1, 0, 0])
    }
    for (let o = 0; o < 64; o++) {
      expect([0, 1, 2, 3].map((j) => b[bSlot + j * 64 + o])).toEqual([
        0.5 * (10 * o + 1),
        0.5 * (10 * o + 2),
        0,
        0,
      ])
    }
    expect(sum(a.subarray(0, aSlot))).toBe(0) // slots 0 and 1
    expect(sum(b.subarray(0, bSlot))).toBe(0)
    for (let layer = 0; layer < 5; layer++) {
      expect(sum(buffers.a[layer]![1]!) + sum(buffers.b[layer]![1]!)).toBe(0) // down_proj: not adapted
      if (layer !== 1) expect(sum(buffers.a[layer]![0]!) + sum(buffers.b[layer]![0]!)).toBe(0)
    }
    writeSlot(buffers, 2, null)
    expect(sum(a) + sum(b)).toBe(0)
  })

  it('computes scale·B·A·x as x·a[slot]·b[slot] for a generated adapter', () => {
    const modules = ['k_proj', 'down_proj'] as const
    const buffers = createSlotBuffers(config, { slots: 2, rank: 8, modules })
    const lora = parsePeftAdapter(generatePeftAdapter({ config, rank: 3, alpha: 5, modules, seed: 9 }), {
      modelId: 'stories260K',
      config,
      maxRank: 8,
    })
    writeSlot(buffers, 1, lora)
    const { a: A, b: B } = lora.layers[4]!.down_proj!
    const x = Array.from({ length: 172 }, (_, i) => Math.sin(i))
    const expected = Array.from({ length: 64 }, (_, o) => {
      let total = 0
      for (let j = 0; j < 3; j++) {
        let ax = 0
        for (let i = 0; i < 172; i++) ax += A[j * 172 + i]! * x[i]!
        total += B[o * 3 + j]! * ax
      }
      return (5 / 3) * total
    })
    const a = buffers.a[4]![1]!.subarray(172 * 8)
    const b = buffers.b[4]![1]!.subarray(8 * 64)
    const xa = Array.from({ length: 8 }, (_, j) => x.reduce((t, xi, i) => t + xi * a[i * 8 + j]!, 0))
    const got = Array.from({ length: 64 }, (_, o) => xa.reduce((t, v, j) => t + v * b[j * 64 + o]!, 0))
    for (const [o, v] of got.entries()) expect(v).toBeCloseTo(expected[o]!, 5)
  })

  it('keeps slot 0 for the base model and refuses what does not fit, before writing anything', () => {
    const buffers = createSlotBuffers(config, { slots: 3, rank: 2, modules: ['q_proj'] })
    const message = (run: () => void) => {
      try {
        run()
      } catch (error) {
        expect((error as Error).name).toBe('AdapterSlotError')
        return (error as { shortMessage: string }).shortMessage
      }
      throw new Error('expected an AdapterSlotError')
    }
    expect(message(() => writeSlot(buffers, 0, knownLora()))).toBe(
      'Slot 0: slot 0 is the plain base model and holds no adapter.',
    )
    writeSlot(buffers, 0, null)
    expect(message(() => writeSlot(buffers, 3, null))).toBe(
      'Slot 3: out of range (the buffers have slots 0-2).',
    )
    writeSlot(buffers, 1, knownLora())
    const before = buffers.a[1]![0]!.slice()
    const wide = { ...knownLora(), rank: 4 }
    expect(message(() => writeSlot(buffers, 1, wide))).toBe(
      "Slot 1: adapter rank 4 is above the slots' rank 2.",
    )
    const other = knownLora()
    other.layers[0] = { v_proj: other.layers[1]!.q_proj! }
    expect(message(() => writeSlot(buffers, 1, other))).toBe(
      'Slot 1: the adapter adapts v_proj, which the slot buffers do not hold (q_proj).',
    )
    expect(buffers.a[1]![0]!).toEqual(before)
    expect(message(() => createSlotBuffers(config, { slots: 0, rank: 2, modules: ['q_proj'] }))).toBe(
      'Slot buffers: slots must be an integer ≥ 1, not 0.',
    )
  })
})
