import { describe, expect, it } from 'vitest'
import { createRandom } from '../random/createRandom.js'
import { argmax, sampleToken } from './sampling.js'

const logits = new Float32Array([0.1, 2.0, 1.9, -1, 2.0])

describe('sampling', () => {
  it('is greedy at temperature 0, lowest index on ties', () => {
    expect(argmax(logits)).toBe(1)
    expect(sampleToken(logits, { temperature: 0, topP: 1, topK: 0 }, createRandom(1))).toBe(1)
  })

  it('repeats itself for the same seed and not for another', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed)
      return Array.from({ length: 50 }, () =>
        sampleToken(logits, { temperature: 1, topP: 1, topK: 0 }, random),
      )
    }
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
  })

  it('never leaves the top-k set or the nucleus', () => {
    const random = createRandom(3)
    const draws = new Set(
      Array.from({ length: 500 }, () => sampleToken(logits, { temperature: 2, topP: 1, topK: 2 }, random)),
    )
    expect([...draws].sort()).toEqual([1, 4])
    const nucleus = new Set(
      Array.from({ length: 500 }, () => sampleToken(logits, { temperature: 1, topP: 0.5, topK: 0 }, random)),
    )
    expect([...nucleus].sort()).toEqual([1, 4])
  })

  it('follows the softmax distribution', () => {
    const random = createRandom(11)
    const counts = [0, 0]
    const two = new Float32Array([0, Math.log(3)])
    for (let i = 0; i < 20_000; i++) counts[sampleToken(two, { temperature: 1, topP: 1, topK: 0 }, random)]!++
    expect(counts[1]! / 20_000).toBeCloseTo(0.75, 1)
  })
})
