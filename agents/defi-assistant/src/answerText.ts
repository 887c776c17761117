import { dispatchCustomEvent } from '@langchain/core/callbacks/dispatch'

/**
 * The custom event an answer node dispatches with the answer text it writes itself (figures, refusals, quoted
 * rows), in answer order around the `answer` adapter's streamed tokens, so a streaming gateway can send the
 * whole answer and not only the generated part. The final AIMessage stays the authoritative full answer.
 */
export const ANSWER_TEXT_EVENT = 'openledger.answer_text'

/** Dispatches `text` as written answer text (nothing for an empty text). */
export async function writeAnswerText(text: string): Promise<void> {
  if (text) await dispatchCustomEvent(ANSWER_TEXT_EVENT, { text })
}
