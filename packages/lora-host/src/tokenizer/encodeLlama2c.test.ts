import { describe, expect, it } from 'vitest'
import { llama2cVocabBytes } from '../testing/llama2cVocabBytes.js'
import { createLlama2cTokenizer } from './createLlama2cTokenizer.js'
import { createStreamDecoder } from './createStreamDecoder.js'
import { readLlama2cVocab } from './readLlama2cVocab.js'

const bytePieces = Array.from({ length: 256 }, (_, b) => ({
  piece: `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
  score: 0,
}))
function tokenizerWith(pieces: [string, number][]) {
  const tokens = [
    { piece: '<unk>', score: 0 },
    { piece: '\n<s>\n', score: 0 },
    { piece: '\n</s>\n', score: 0 },
    ...bytePieces,
    ...pieces.map(([piece, score]) => ({ piece, score })),
  ]
  return createLlama2cTokenizer(readLlama2cVocab(llama2cVocabBytes(tokens)))
}
// ids: ' ' 259, a 260, b 261, c 262, ab 263, bc 264, ' a' 265, é 266, ' abc' 267
const tokenizer = tokenizerWith([
  [' ', -1],
  ['a', -1],
  ['b', -1],
  ['c', -1],
  ['ab', -5],
  ['bc', -2],
  [' a', -3],
  ['é', -1],
  [' abc', -9],
])

describe('llama2.c encode', () => {
  it('adds the dummy prefix and merges the best-scoring pair first', () => {
    // ' '+a+b+c: bc (-2) beats ' a' (-3) and ab (-5); then ' a'; ' a'+'bc' = ' abc' merges last.
    expect(tokenizer.encode('abc')).toEqual([267])
    expect(tokenizer.encode('abc', { bos: true })).toEqual([1, 267])
    expect(tokenizer.encode('cab')).toEqual([259, 262, 263])
    expect(tokenizer.encode('')).toEqual([])
    expect(tokenizer.encode('', { bos: true })).toEqual([1])
  })

  it('takes the leftmost pair when scores tie', () => {
    const tied = tokenizerWith([
      [' ', -1],
      ['a', -1],
      ['b', -1],
      ['c', -1],
      ['ab', -2],
      ['bc', -2],
    ])
    expect(tied.encode('abc')).toEqual([259, 263, 262])
  })

  it('looks codepoints up whole and falls back to one <0xXX> token (byte + 3) per byte', () => {
    expect(tokenizer.encode('é')).toEqual([259, 266])
    expect(tokenizer.encode('€a')).toEqual([259, 0xe2 + 3, 0x82 + 3, 0xac + 3, 260])
    expect(tokenizer.decode(tokenizer.encode('a€é b', { bos: true }))).toBe('a€é b')
  })

  it('decodes as llama2.c prints: a leading space dropped only at the start or after BOS', () => {
    expect(tokenizer.decode([1, 265, 259, 265])).toBe('a  a')
    expect(tokenizer.decode([265, 2, 265])).toBe('a a')
    expect(tokenizer.decode([])).toBe('')
    expect([...tokenizer.decodePiece(1, 265)]).toEqual([0x61])
    expect([...tokenizer.decodePiece(260, 265)]).toEqual([0x20, 0x61])
    expect([...tokenizer.decodePiece(260, 0x0a + 3)]).toEqual([0x0a])
  })
})

describe('createStreamDecoder', () => {
  it('holds a multi-byte character back until its last byte arrives', () => {
    const stream = createStreamDecoder(tokenizer, { context: [260] })
    expect([0xe2, 0x82, 0xac].map((b) => stream.push(b + 3))).toEqual(['', '', '€'])
    expect(stream.push(265)).toBe(' a')
    expect(stream.push(0xf0 + 3)).toBe('')
    expect(stream.flush()).toBe('\uFFFD')
  })

  it('emits, in all, exactly what decode gives for the whole sequence', () => {
    const ids = tokenizer.encode('é€ abc  a€b', { bos: true })
    const stream = createStreamDecoder(tokenizer)
    const pieces = ids.map((id) => stream.push(id))
    expect(pieces.join('') + stream.flush()).toBe(tokenizer.decode(ids))
    expect(pieces.some((piece) => piece.includes('\uFFFD'))).toBe(false)
  })
})
