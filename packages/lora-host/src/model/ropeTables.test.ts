import { describe, expect, it } from 'vitest'
import { ropeTables } from './ropeTables.js'

describe('ropeTables', () => {
  it('turns pair i at position p by p / θ^(2i/headDim), row-major [positions, headDim/2]', () => {
    const { positions, half, cos, sin } = ropeTables({ headDim: 8, ropeTheta: 10000 }, 5)
    expect([positions, half, cos.length, sin.length]).toEqual([5, 4, 20, 20])
    expect(cos.subarray(0, 4)).toEqual(new Float64Array([1, 1, 1, 1]))
    expect(sin.subarray(0, 4)).toEqual(new Float64Array([0, 0, 0, 0]))
    expect(cos[3 * half + 0]).toBe(Math.cos(3))
    expect(sin[3 * half + 2]).toBeCloseTo(Math.sin(3 / 10000 ** 0.5), 15)
    expect(cos[4 * half + 3]).toBeCloseTo(Math.cos(4 / 10000 ** 0.75), 15)
  })
})
