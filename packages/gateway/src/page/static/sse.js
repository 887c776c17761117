/**
 * An incremental parser of a `text/event-stream` body: feed it decoded text as it arrives, in pieces cut
 * anywhere, and it hands back each complete event's `data` (multi-line data joined by `\n`). Comments (`:`)
 * and fields other than `data` are skipped. Browser and node both import it.
 *
 * @example
 * const parser = createSseParser()
 * parser.push('data: {"a":1}\n\ndata: [DO') // → ['{"a":1}']
 * parser.push('NE]\n\n') // → ['[DONE]']
 *
 * @returns {{ push(text: string): string[], flush(): string[] }}
 */
export function createSseParser() {
  let buffer = ''
  /** @type {string[]} */
  let data = []

  /** @param {string} line @param {string[]} events */
  const takeLine = (line, events) => {
    if (line === '') {
      if (data.length > 0) events.push(data.join('\n'))
      data = []
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    if (field !== 'data') return
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    data.push(value)
  }

  return {
    push(text) {
      buffer += text
      /** @type {string[]} */
      const events = []
      // A lone `\r` at the end may be the first half of `\r\n`: keep it until the next piece says.
      for (;;) {
        const match = /\r\n|\r(?!$)|\n/.exec(buffer)
        if (!match) break
        takeLine(buffer.slice(0, match.index), events)
        buffer = buffer.slice(match.index + match[0].length)
      }
      return events
    },
    flush() {
      /** @type {string[]} */
      const events = []
      if (buffer !== '') takeLine(buffer.replace(/\r$/, ''), events)
      buffer = ''
      takeLine('', events)
      return events
    },
  }
}
