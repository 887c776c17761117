import type { Tokenizer } from '../model/types.js'

/** Turns generated ids into text as they come. */
export type StreamDecoder = {
  /** Adds one id; returns the text it completes ('' while a character is still incomplete). */
  push: (id: number) => string
  /** Returns whatever is held back (an incomplete character comes out as U+FFFD). */
  flush: () => string
}

const REPLACEMENT = '\uFFFD'

/**
 * An incremental decoder for any `Tokenizer` that never emits half a UTF-8 character: it decodes a short
 * window of recent ids, emits only the text the newest ids add, and holds back while that text ends in an
 * incomplete character (U+FFFD). Pass the prompt's ids as `context` so the first generated piece keeps
 * its leading space (a sequence's first piece loses it); their text is not emitted.
 *
 * @example
 * const stream = createStreamDecoder(tokenizer, { context: promptIds })
 * for (const id of generated) process.stdout.write(stream.push(id))
 * process.stdout.write(stream.flush())
 */
export function createStreamDecoder(
  tokenizer: Tokenizer,
  options: { context?: readonly number[] } = {},
): StreamDecoder {
  const ids = [...(options.context ?? [])]
  let prefixOffset = 0
  let readOffset = ids.length
  const pending = () => {
    const prefix = tokenizer.decode(ids.slice(prefixOffset, readOffset))
    const text = tokenizer.decode(ids.slice(prefixOffset))
    return text.length > prefix.length ? text.slice(prefix.length) : ''
  }
  const advance = () => {
    prefixOffset = readOffset
    readOffset = ids.length
  }
  return {
    push(id) {
      ids.push(id)
      const text = pending()
      if (text === '' || text.endsWith(REPLACEMENT)) return ''
      advance()
      return text
    },
    flush() {
      const text = pending()
      advance()
      return text
    },
  }
}
