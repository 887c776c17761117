import { createRandom } from '@openledger/lora-host'
import { expect, test } from 'vitest'
import { createSparseProjection } from './sparseProjection.js'

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}

test('preserves inner products: projected dot products track the true ones closely', () => {
  const random = createRandom(3)
  const dim = 4000
  const projection = createSparseProjection({ dim, k: 512, seed: 9 })
  const base = Float64Array.from({ length: dim }, () => random() * 2 - 1)
  // Vectors with known, varied inner products against `base`.
  const errors: number[] = []
  for (let t = 0; t < 20; t++) {
    const mix = t / 20
    const other = Float64Array.from(base, (b) => mix * b + (1 - mix) * (random() * 2 - 1))
    const exact = dot(base, other)
    const estimate = dot(projection.project(base), projection.project(other))
    errors.push(Math.abs(estimate - exact) / dot(base, base))
  }
  // JL: error ~ 1/√k ≈ 0.044 of ‖x‖‖y‖; allow 3×.
  expect(Math.max(...errors)).toBeLessThan(0.15)
})

test('is deterministic per seed, linear, and refuses a vector of the wrong length', () => {
  const a = createSparseProjection({ dim: 10, k: 4, seed: 1 })
  const b = createSparseProjection({ dim: 10, k: 4, seed: 1 })
  const x = Float64Array.from({ length: 10 }, (_, i) => i - 4)
  expect([...a.project(x)]).toEqual([...b.project(x)])
  const doubled = a.project(x.map((v) => 2 * v))
  expect([...doubled]).toEqual([...a.project(x)].map((v) => 2 * v))
  expect(() => a.project([1, 2])).toThrow('a vector of 2; the projection takes 10')
})
