import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages'
import { writeAnswerText } from '../agents/writeAnswerText.js'

/** A whole answer a node writes itself, with no model call: streamed at once, and the turn's AI message. */
export async function writtenAnswer(text: string): Promise<{ messages: BaseMessage[] }> {
  await writeAnswerText(text)
  return { messages: [new AIMessage(text)] }
}

/** The latest user message's text: this turn's question. */
export function questionOf(messages: readonly BaseMessage[]): string {
  const last = [...messages].reverse().find((m) => m._getType() === 'human')
  return typeof last?.content === 'string' ? last.content : ''
}

/**
 * The calls a tool node made, as an AI message with tool calls and one tool message per result, so the thread
 * shows them (calls without a result are left out).
 */
export function toolMessages(
  calls: Record<string, Record<string, unknown>>,
  results: Record<string, string>,
  node: string,
): BaseMessage[] {
  const names = Object.keys(calls).filter((name) => results[name] !== undefined)
  if (names.length === 0) return []
  const ids = Object.fromEntries(names.map((name) => [name, `${node}-${name}-${Date.now().toString(36)}`]))
  return [
    new AIMessage({
      content: '',
      tool_calls: names.map((name) => ({
        id: ids[name]!,
        name,
        args: calls[name]!,
        type: 'tool_call' as const,
      })),
    }),
    ...names.map((name) => new ToolMessage({ content: results[name]!, tool_call_id: ids[name]!, name })),
  ]
}
