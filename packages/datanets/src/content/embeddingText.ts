import type { RowContent } from '../types.js'

/**
 * The text a row is embedded and shown as: the text itself, or the prompt and completion on two lines.
 *
 * @example
 * embeddingText({ kind: 'prompt_completion', prompt: 'Q: 2+2?', completion: '4' }) // 'Q: 2+2?\n4'
 */
export function embeddingText(content: RowContent): string {
  return content.kind === 'text' ? content.text : `${content.prompt}\n${content.completion}`
}
