import { loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { type Address, keccak256, toHex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { beforeAll, describe, expect, it } from 'vitest'
import { SHARE_SCALE } from '../fusion/types.js'
import { buildSpanIndex } from '../spans/buildSpanIndex.js'
import type { SpanIndex } from '../spans/types.js'
import { attributeAnswer } from './attributeAnswer.js'

const stories = [
  'Lily found a shiny blue stone near the river and decided to keep it in her pocket forever.',
  'Max the dog loved to chase the orange ball across the big green field every sunny morning.',
  'The old owl told the little rabbit a secret about the moon and the stars above the forest.',
  'Tom baked a chocolate cake with his grandmother and they shared it with all the neighbours.',
  'A tiny robot named Beep wanted to learn how to dance like the children at the school party.',
]
const contributors: Address[] = stories.map((_, i) =>
  privateKeyToAddress(keccak256(toHex(`contributor ${i}`))),
)
const rowId = (i: number) => keccak256(toHex(`row ${i}`))

let encode: (text: string) => number[]
let index: SpanIndex
beforeAll(async () => {
  const model = await loadBaseModel(stories260KDir)
  encode = (text) => model.tokenizer.encode(text)
  index = buildSpanIndex(
    stories.map((text, i) => ({ rowId: rowId(i), contributor: contributors[i]!, tokens: encode(text) })),
  )
})

describe('attributeAnswer', () => {
  it('gives the contributor whose row the answer copies the largest share, summing to exactly 1e18', async () => {
    const answer = encode(`Here is a story. ${stories[3]!.slice(0, 70)} The end.`)
    const result = await attributeAnswer({ answerTokens: answer, corpora: [{ datanetId: 1n, index }] })
    if (!result.evidence) throw new Error('expected evidence')
    expect(result.contributors[0]!.contributor).toBe(contributors[3])
    expect(result.contributors.reduce((sum, c) => sum + c.share, 0n)).toBe(SHARE_SCALE)
    expect(result.contributions.reduce((sum, c) => sum + c.weight, 0n)).toBe(SHARE_SCALE)
    expect(result.spans[0]!.spans.length).toBeGreaterThan(0)
  })

  it('fuses span and retrieval evidence by the agent weights', async () => {
    const answer = encode(stories[1]!)
    const retrieval = [
      {
        datanetId: 1n,
        rowId: rowId(4),
        contributor: contributors[4]!,
        similarity: 0.9,
        rank: 0,
        inPrompt: true,
      },
    ]
    const spanOnly = await attributeAnswer({
      answerTokens: answer,
      corpora: [{ datanetId: 1n, index }],
      retrieval,
      weights: { span: 1 },
    })
    const mixed = await attributeAnswer({
      answerTokens: answer,
      corpora: [{ datanetId: 1n, index }],
      retrieval,
      weights: { span: 0.75, retrieval: 0.25 },
    })
    if (!spanOnly.evidence || !mixed.evidence) throw new Error('expected evidence')
    expect(spanOnly.contributors).toEqual([{ contributor: contributors[1], share: SHARE_SCALE }])
    expect(mixed.contributors).toEqual([
      { contributor: contributors[1], share: (SHARE_SCALE * 3n) / 4n },
      { contributor: contributors[4], share: SHARE_SCALE / 4n },
    ])
  })

  it('says "no evidence" for an answer that copies nothing and retrieved nothing', async () => {
    const result = await attributeAnswer({
      answerTokens: encode('Purple elephants quietly debated quantum economics on Tuesday.'),
      corpora: [{ datanetId: 1n, index }],
    })
    expect(result.evidence).toBe(false)
  })
})
