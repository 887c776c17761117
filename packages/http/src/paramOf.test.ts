import { expect, it } from 'vitest'
import { paramOf } from './paramOf.js'

it("writes a validation path as OpenAI's param", () => {
  expect(paramOf(['messages', 0, 'content'])).toBe('messages[0].content')
  expect(paramOf(['stop', 4])).toBe('stop[4]')
  expect(paramOf(['datanet', 'datanetId'])).toBe('datanet.datanetId')
  expect(paramOf([0])).toBe('[0]')
  expect(paramOf([])).toBeNull()
})
