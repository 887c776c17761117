import { type Llama2cTokenizer, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { type Address, getAddress } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSpanIndex } from './buildSpanIndex.js'
import { findSpans } from './findSpans.js'
import { scoreSpans } from './scoreSpans.js'
import { stories } from './testing/stories.js'
import type { SpanIndex } from './types.js'

const contributor = (r: number): Address => getAddress(`0x${((r % 8) + 1).toString(16).padStart(40, 'a')}`)

describe('span attribution over real text (stories260K tokenizer)', () => {
  let tokenizer: Llama2cTokenizer
  let rows: { rowId: string; contributor: Address; tokens: number[] }[]
  let index: SpanIndex
  let continuesWord: (token: number) => boolean

  beforeAll(async () => {
    tokenizer = (await loadBaseModel(stories260KDir)).tokenizer as Llama2cTokenizer
    // a piece that starts with a letter or digit glues onto the word before it
    continuesWord = (token) => /^[A-Za-z0-9]/.test(tokenizer.vocab.keys[token] ?? '')
    rows = stories.map((text, r) => ({
      rowId: `story-${r}`,
      contributor: contributor(r),
      tokens: tokenizer.encode(text),
    }))
    index = buildSpanIndex(rows)
  })

  it('gives the largest share to the contributor of the row an answer copies 20 tokens from', () => {
    const copied = rows[11]!.tokens.slice(12, 32) // from "Jack found a tiny key in the sand. He tried it on …"
    const answer = [
      ...tokenizer.encode('My grandmother told me a story.'),
      ...copied,
      ...tokenizer.encode(' Then we had soup for dinner.'),
    ]
    const spans = findSpans(index, answer)
    expect(spans.some((span) => span.length >= 20)).toBe(true)
    const scores = scoreSpans(index, spans)
    if (!scores.evidence) throw new Error('expected evidence')
    expect(scores.rows[0]!.rowId).toBe('story-11')
    expect(scores.contributors[0]).toMatchObject({ contributor: contributor(11) })
    expect(scores.contributors[0]!.share).toBeGreaterThan(0.9)
  })

  it('finds no evidence in an answer that copies nothing', () => {
    for (const text of [
      'Quantum computers factor large numbers using superposition and entanglement of qubits.',
      'Yesterday my brother bought a new bicycle, and we rode it to the market to buy fresh bread.',
      'The cat and the dog played in the garden all day and then they went to sleep in the house.',
    ]) {
      expect(scoreSpans(index, findSpans(index, tokenizer.encode(text), { continuesWord }))).toEqual({
        evidence: false,
      })
    }
  })

  it('spreads a formula many rows share instead of crediting the row a stray word piece extends it into', () => {
    const answer = tokenizer.encode('Once upon a time, there was a little dragon who slept all day.')
    // untrimmed, "… there was a little d" matches only the duck story and takes all the credit
    const untrimmed = scoreSpans(index, findSpans(index, answer))
    expect(untrimmed.evidence && untrimmed.rows.map((row) => row.rowId)).toEqual(['story-19'])
    // on whole words, "Once upon a time, there was a little" is shared by every row that opens with it
    const spans = findSpans(index, answer, { continuesWord })
    expect(spans).toHaveLength(1)
    expect(tokenizer.decode(answer.slice(spans[0]!.start, spans[0]!.start + spans[0]!.length))).toBe(
      'Once upon a time, there was a little',
    )
    const opening = stories.filter((story) => story.startsWith('Once upon a time, there was a little')).length
    expect(spans[0]!.count).toBe(opening)
    const scores = scoreSpans(index, spans)
    if (!scores.evidence) throw new Error('expected evidence')
    expect(scores.rows).toHaveLength(opening)
    for (const row of scores.rows) expect(row.share).toBeCloseTo(1 / opening, 12)
  })
})
