/**
 * A script for `page.addInitScript`: records, on every DOM change, the last answer's state and text length in
 * `window.__answerLog`, so a test can tell that an answer streamed in (several growing lengths while
 * `data-state="streaming"`) rather than arriving whole. A string, since the tests compile without DOM types.
 */
export const observeAnswer = `
  window.__answerLog = []
  new MutationObserver(() => {
    const answers = document.querySelectorAll('.answer')
    const last = answers[answers.length - 1]
    if (!last) return
    const entry = { state: last.dataset.state, length: last.textContent.length }
    const previous = window.__answerLog[window.__answerLog.length - 1]
    if (!previous || previous.state !== entry.state || previous.length !== entry.length) window.__answerLog.push(entry)
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
`

export type AnswerObservation = { state: string | undefined; length: number }

/** The lengths the answer had while it was streaming, in order. */
export function streamedLengths(log: AnswerObservation[]): number[] {
  return log.filter((entry) => entry.state === 'streaming').map((entry) => entry.length)
}
