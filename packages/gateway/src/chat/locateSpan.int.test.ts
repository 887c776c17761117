import { buildSpanIndex, findSpans } from '@openledger/attribution'
import { loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { getAddress, keccak256, toHex } from 'viem'
import { expect, test } from 'vitest'
import { locateSpan } from './attributeRun.js'

test('locateSpan turns token spans found by attribution into character offsets of the answer', async () => {
  const { tokenizer } = await loadBaseModel(stories260KDir)
  const row = 'Once upon a time there was a dog named Max who loved to run.'
  const index = buildSpanIndex([
    {
      rowId: keccak256(toHex('row')),
      contributor: getAddress(`0x${'11'.repeat(20)}`),
      tokens: tokenizer.encode(row),
    },
  ])
  const answer = 'Then Tom said: there was a dog named Max who loved to run. He was happy.'
  const tokens = tokenizer.encode(answer)
  const spans = findSpans(index, tokens, { minLength: 4, maxTokenProbability: 1 })
  expect(spans.length).toBeGreaterThan(0)
  for (const span of spans) {
    const located = locateSpan(tokenizer, answer, tokens, span.start, span.length)
    expect(answer.slice(located.start, located.end)).toBe(located.text)
    expect(row).toContain(located.text)
  }
  const longest = spans.reduce((a, b) => (b.length > a.length ? b : a))
  expect(locateSpan(tokenizer, answer, tokens, longest.start, longest.length).text).toContain(
    'dog named Max who loved to run',
  )
})
