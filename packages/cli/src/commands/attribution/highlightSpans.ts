/** How a matched span is marked: brackets for pipes and tests, ANSI bold underlined colour for a terminal. */
export type Highlight = { open: string; close: string }

export const bracketHighlight: Highlight = { open: '[[', close: ']]' }
export const ansiHighlight: Highlight = { open: '\x1b[1;4;33m', close: '\x1b[0m' }

/**
 * The answer's text with the token ranges `spans` marked (overlapping spans merged into one mark; leading
 * whitespace left outside it). Text offsets come from decoding each prefix of the tokens, so the marks sit
 * exactly where the tokens decode (a mark inside a multi-byte character, which word-trimmed spans never
 * make, would land next to it).
 *
 * @example
 * const tokens = tokenizer.encode('Here is what I know. Max liked to dig holes.')
 * highlightSpans(tokens, spans, tokenizer.decode, bracketHighlight) // 'Here is what I know[[. Max liked to dig holes.]]'
 */
export function highlightSpans(
  tokens: readonly number[],
  spans: readonly { start: number; length: number }[],
  decode: (ids: readonly number[]) => string,
  highlight: Highlight,
): string {
  const text = decode(tokens)
  const offset = (i: number) => Math.min(decode(tokens.slice(0, i)).length, text.length)
  let out = ''
  let at = 0
  for (const { start, end } of mergeRanges(spans)) {
    let from = Math.max(at, offset(start))
    const to = Math.max(from, offset(end))
    while (from < to && /\s/.test(text[from]!)) from++
    if (from === to) continue
    out += `${text.slice(at, from)}${highlight.open}${text.slice(from, to)}${highlight.close}`
    at = to
  }
  return out + text.slice(at)
}

/** Token ranges sorted, with overlapping ones joined. */
function mergeRanges(spans: readonly { start: number; length: number }[]): { start: number; end: number }[] {
  const sorted = spans
    .map((s) => ({ start: s.start, end: s.start + s.length }))
    .sort((a, b) => a.start - b.start)
  const merged: { start: number; end: number }[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}
