import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadLlama2c } from '../model/loadLlama2c.js'
import { createStreamDecoder } from './createStreamDecoder.js'

const dir = fileURLToPath(new URL('../../../../../shared/models/stories260K/', import.meta.url))
const { tokenizer } = loadLlama2c({
  checkpoint: join(dir, 'stories260K.bin'),
  tokenizer: join(dir, 'tok512.bin'),
})

describe('tok512 (llama2.c tokenizer)', () => {
  it('encodes a prompt as run.c does and decodes it back', () => {
    const ids = tokenizer.encode('Once upon a time', { bos: true })
    expect(ids).toEqual([1, 403, 407, 261, 378])
    expect(tokenizer.decode(ids)).toBe('Once upon a time')
    const text = 'Lily said, "Let\'s go!"\nThe end.'
    expect(tokenizer.decode(tokenizer.encode(text))).toBe(text)
  })

  it('falls back to byte tokens for characters outside the vocabulary and decodes them back', () => {
    const text = 'Zoë ate 🍕 in 東京'
    const ids = tokenizer.encode(text, { bos: true })
    const bytes = ids.filter((id) => id >= 3 && id < 259)
    expect(bytes.length).toBeGreaterThanOrEqual(4 + 2 * 3)
    expect(bytes).toEqual(expect.arrayContaining([...new TextEncoder().encode('🍕')].map((b) => b + 3)))
    expect(tokenizer.decode(ids)).toBe(text)
  })

  it('streams a multi-byte character whole, never half of it', () => {
    const ids = tokenizer.encode('a 🍕 b', { bos: true })
    const stream = createStreamDecoder(tokenizer)
    const out = ids.map((id) => stream.push(id))
    expect(out.join('') + stream.flush()).toBe('a 🍕 b')
    expect(out.filter((piece) => piece.includes('🍕'))).toHaveLength(1)
    expect(out.some((piece) => piece.includes('\uFFFD'))).toBe(false)
  })
})
