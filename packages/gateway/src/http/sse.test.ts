import { expect, test } from 'vitest'
import { encodeSseData } from './sse.js'

test('encodeSseData writes one data event per JSON value and the [DONE] marker', () => {
  expect(encodeSseData({ a: 'x\ny' })).toBe('data: {"a":"x\\ny"}\n\n')
  expect(encodeSseData('[DONE]')).toBe('data: [DONE]\n\n')
  expect(encodeSseData('multi\nline')).toBe('data: "multi\\nline"\n\n')
})
