import { describe, expect, it } from 'vitest'
import { readSafetensors, writeSafetensors } from './safetensors.js'

describe('safetensors', () => {
  const data = new Float32Array([1, -2.5, 0.1, 65504, 1e-5, 0])
  it('round-trips F32 exactly and F16/BF16 to their precision', () => {
    for (const [dtype, tolerance] of [
      ['F32', 0],
      ['F16', 1e-3],
      ['BF16', 8e-3],
    ] as const) {
      const read = readSafetensors(writeSafetensors({ w: { shape: [2, 3], data } }, dtype)).get('w')!
      expect(read.shape).toEqual([2, 3])
      expect(read.dtype).toBe(dtype)
      read.data.forEach((v, i) => {
        expect(Math.abs(v - data[i]!)).toBeLessThanOrEqual(Math.abs(data[i]!) * tolerance + 1e-7)
      })
    }
  })

  it('refuses a truncated or lying file with a clear error', () => {
    const bytes = writeSafetensors({ w: { shape: [2, 3], data } })
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4), 'x.safetensors')).toThrow(
      'x.safetensors is not a valid safetensors file: tensor w spans bytes 0-24, which do not fit its shape.',
    )
    expect(() => readSafetensors(bytes.subarray(0, 5), 'x')).toThrow('shorter than its 8-byte header length')
    const bad = new Uint8Array(bytes)
    new DataView(bad.buffer).setBigUint64(0, 10n ** 9n, true)
    expect(() => readSafetensors(bad, 'x')).toThrow('header length 1000000000 exceeds the file')
  })
})
