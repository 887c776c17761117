import { dispatchCustomEvent } from '@langchain/core/callbacks/dispatch'

/**
 * The custom event an agent that composes its answers itself (`streaming: 'text'`) dispatches with each piece
 * of its answer, in order: what `runAgent` streams to `onToken` for it. The pieces must add up to the final
 * AI message's text, which stays the authoritative answer.
 */
export const ANSWER_TEXT_EVENT = 'openledger.answer_text'

/**
 * Streams a piece of the answer (nothing for an empty text). Call it from a graph node, in answer order.
 *
 * @example
 * await writeAnswerText(figures)           // streamed at once
 * const reply = await models.answer.invoke(prompt)
 * await writeAnswerText(`\n\n${reply.content}`)
 */
export async function writeAnswerText(text: string): Promise<void> {
  if (text) await dispatchCustomEvent(ANSWER_TEXT_EVENT, { text })
}
