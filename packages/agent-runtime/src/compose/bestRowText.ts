/** A row as `datanet_search` answers it, reduced to what an answer quotes. */
type FoundRow = {
  rowId: string
  content: { kind: 'text'; text: string } | { kind: 'prompt_completion'; prompt: string; completion: string }
}

/**
 * The best row `datanet_search` found, as a sentence to quote: a text row's text, or a prompt/completion row's
 * completion. Undefined when the search failed or found nothing.
 *
 * @example
 * bestRowText('{"rows":[{"rowId":"0x…","content":{"kind":"text","text":"Deep pools move less."}}]}') // 'Deep pools move less.'
 */
export function bestRowText(searchResult: string | undefined): string | undefined {
  if (!searchResult) return undefined
  const row = (JSON.parse(searchResult) as { rows?: FoundRow[] }).rows?.[0]
  if (!row) return undefined
  return (row.content.kind === 'text' ? row.content.text : row.content.completion).trim()
}
