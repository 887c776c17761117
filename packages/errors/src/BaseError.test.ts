import { describe, expect, it } from 'vitest'
import { BaseError, shortMessageOf } from './BaseError.js'

class LeafError extends BaseError {
  override name = 'LeafError'
}

describe('BaseError', () => {
  it('keeps the short message first and lists details after', () => {
    const error = new BaseError('Deploy failed.', { metaMessages: ['Chain: 31337'], details: 'no code' })
    expect(error.message).toMatchInlineSnapshot(`
      "Deploy failed.

      Chain: 31337

      Details: no code"
    `)
    expect(error.shortMessage).toBe('Deploy failed.')
  })

  it('walks the cause chain', () => {
    const leaf = new LeafError('leaf')
    const top = new BaseError('top', { cause: new Error('middle', { cause: leaf }) })
    expect(top.walk((e) => (e as Error).name === 'LeafError')).toBe(leaf)
    expect(top.walk()).toBe(leaf)
  })

  it('gives one line for any thrown value', () => {
    expect(shortMessageOf(new LeafError('one', { details: 'two' }))).toBe('one')
    expect(shortMessageOf(new Error('first\nsecond'))).toBe('first')
    expect(shortMessageOf('plain')).toBe('plain')
  })
})
