/**
 * The adapter's text cut to whole sentences: up to the first sentence end that runs straight into more text
 * (`reserves.$sy` — stories260K adapters often write on past the row they learned instead of stopping), and
 * without a last sentence the token limit cut short. The text as it was when nothing whole is left.
 *
 * @example
 * wholeSentences('A deep pool moves less. One of the pri') // 'A deep pool moves less.'
 */
export function wholeSentences(text: string): string {
  const trimmed = text.trim()
  const runOn = /[.!?](?=[^\s\d.!?"'”’)])/.exec(trimmed)
  const cut = runOn ? trimmed.slice(0, runOn.index + 1) : trimmed
  const lastEnd = Math.max(cut.lastIndexOf('.'), cut.lastIndexOf('!'), cut.lastIndexOf('?'))
  const whole = /[.!?]["'”’)]?$/.test(cut) ? cut : cut.slice(0, lastEnd + 1)
  return whole.trim() || trimmed
}
