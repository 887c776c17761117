import { createRandom } from '@openledger/lora-host/random'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildSuffixArray } from './buildSuffixArray.js'
import { bruteSuffixArray } from './testing/bruteForce.js'
import { createZipf } from './testing/createZipf.js'

const sorted = (text: number[], alphabet: number) => [...buildSuffixArray(Uint32Array.from(text), alphabet)]

describe('buildSuffixArray', () => {
  it('equals the naively sorted suffixes of random texts over small alphabets', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((alphabet) =>
            fc.tuple(
              fc.constant(alphabet),
              fc.array(fc.nat({ max: alphabet - 1 }), { maxLength: 300, size: 'max' }),
            ),
          ),
        ([alphabet, text]) => {
          expect(sorted(text, alphabet)).toEqual(bruteSuffixArray(text))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('sorts repetitive texts that recurse deeply', () => {
    const random = createRandom(7)
    const cases = [
      Array(1000).fill(0),
      Array.from({ length: 1000 }, (_, i) => i % 2),
      Array.from({ length: 999 }, (_, i) => [0, 1, 0, 0, 1, 0, 1, 0][i % 8]!),
      Array.from({ length: 1000 }, (_, i) => 999 - i),
      Array.from({ length: 1000 }, (_, i) => i),
      Array.from({ length: 2000 }, (_, i) => (i % 97 < 50 ? i % 7 : Math.floor(random() * 3))),
      // Fibonacci word: the worst case for repetitions
      fibonacciWord(2000),
    ]
    for (const text of cases) expect(sorted(text, 1000)).toEqual(bruteSuffixArray(text))
  })

  it('orders every adjacent pair of suffixes of larger texts (Zipf ids, a binary text)', () => {
    const zipf = createZipf({ vocabularySize: 32_000, random: createRandom(5) })
    const random = createRandom(6)
    const texts: [Uint32Array, number][] = [
      [Uint32Array.from({ length: 200_000 }, zipf), 32_000],
      [Uint32Array.from({ length: 200_000 }, () => (random() < 0.9 ? 0 : 1)), 2],
    ]
    for (const [text, alphabet] of texts) {
      const sa = buildSuffixArray(text, alphabet)
      const seen = new Uint8Array(text.length)
      for (const position of sa) seen[position] = 1
      expect(seen.every((flag) => flag === 1)).toBe(true)
      for (let i = 1; i < sa.length; i++) {
        const a = sa[i - 1]!
        const b = sa[i]!
        let d = 0
        while (b + d < text.length && text[a + d] === text[b + d]) d++
        if (!(a + d === text.length || (b + d < text.length && text[a + d]! < text[b + d]!)))
          throw new Error(`suffixes ${a} and ${b} out of order`)
      }
    }
  })

  it('leaves the text as it was', () => {
    const text = Uint32Array.from([3, 1, 2, 1, 2, 0, 3, 3])
    buildSuffixArray(text, 4)
    expect([...text]).toEqual([3, 1, 2, 1, 2, 0, 3, 3])
  })

  it('handles the empty and one-symbol texts', () => {
    expect(sorted([], 1)).toEqual([])
    expect(sorted([0], 1)).toEqual([0])
  })

  it('rejects a symbol outside the alphabet', () => {
    expect(() => buildSuffixArray(Uint32Array.from([0, 4]), 4)).toThrowErrorMatchingInlineSnapshot(
      `[SpanIndexInputError: Cannot index this corpus: symbol 4 at 1 is outside the alphabet [0, 4).]`,
    )
  })
})

function fibonacciWord(length: number): number[] {
  let previous = [0]
  let word = [0, 1]
  while (word.length < length) [previous, word] = [word, [...word, ...previous]]
  return word.slice(0, length)
}
