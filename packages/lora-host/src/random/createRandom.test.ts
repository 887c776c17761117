import { describe, expect, it } from 'vitest'
import { createRandom } from './createRandom.js'

describe('createRandom', () => {
  it('gives mulberry32: the same numbers for the same seed, in [0, 1)', () => {
    expect(createRandom(42)()).toBe(0.6011037519201636)
    const a = createRandom(7)
    const b = createRandom(7)
    const draws = Array.from({ length: 1000 }, () => a())
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(createRandom(8)()).not.toBe(createRandom(7)())
  })
})
