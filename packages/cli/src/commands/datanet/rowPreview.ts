import { embeddingText, type RowContent } from '@openledger/datanets'

/** A row's text on one line (prompt ⏎ completion), cut to `length` characters with an ellipsis. */
export function rowPreview(content: RowContent, length = 60): string {
  const text = embeddingText(content).replace(/\s*\n\s*/g, ' ⏎ ')
  return text.length > length ? `${text.slice(0, length)}…` : text
}
