/**
 * Cuts an answer into consecutive segments by its attributed spans: each segment carries the spans that
 * cover it (none for plain text), so overlapping spans stay visible. Offsets are JavaScript string indices
 * (UTF-16 code units), as the gateway computes them; spans out of range are clamped, empty ones dropped.
 * The segments' texts joined give the answer back unchanged.
 *
 * @example
 * highlightSpans('Swap ETH for USDC', [{ start: 5, end: 8, datanetId: '1', rowId: '7', text: 'ETH' }])
 * // → [{ text: 'Swap ', spans: [] }, { text: 'ETH', spans: [span] }, { text: ' for USDC', spans: [] }]
 *
 * @template {{ start: number, end: number }} S
 * @param {string} text
 * @param {readonly S[]} spans
 * @returns {{ text: string, spans: S[] }[]}
 */
export function highlightSpans(text, spans) {
  const clamp = (/** @type {number} */ offset) => Math.min(Math.max(Math.trunc(offset), 0), text.length)
  const valid = spans
    .filter((span) => Number.isFinite(span.start) && Number.isFinite(span.end))
    .map((span) => ({ span, start: clamp(span.start), end: clamp(span.end) }))
    .filter(({ start, end }) => end > start)
  const cuts = [...new Set([0, text.length, ...valid.flatMap(({ start, end }) => [start, end])])].sort(
    (a, b) => a - b,
  )
  /** @type {{ text: string, spans: S[] }[]} */
  const segments = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = /** @type {number} */ (cuts[i])
    const to = /** @type {number} */ (cuts[i + 1])
    const covering = valid.filter(({ start, end }) => start <= from && end >= to).map(({ span }) => span)
    const previous = segments.at(-1)
    // Neighbouring plain pieces merge, so plain text stays one node.
    if (previous && covering.length === 0 && previous.spans.length === 0)
      previous.text += text.slice(from, to)
    else segments.push({ text: text.slice(from, to), spans: covering })
  }
  return segments
}
