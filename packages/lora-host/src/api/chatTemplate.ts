/** One chat turn, after validation ('developer' messages read as 'system'). */
export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string }

/**
 * Turns chat messages into a prompt for a completion model, with the stop strings that end the assistant's
 * turn (always added to the request's own `stop`). Supply a model-specific one where a model has a chat format.
 */
export type ChatTemplate = (messages: readonly ChatMessage[]) => { prompt: string; stop: string[] }

/**
 * The plain template, for base models with no chat format of their own. Each system message is its text and a
 * blank line; each user or assistant message is one `User: …` or `Assistant: …` line; the prompt ends with
 * `Assistant:` for the model to continue, and `\nUser:` stops it before it writes the user's next turn:
 *
 * ```
 * You are terse.
 *
 * User: Hi
 * Assistant: Hello.
 * User: Tell me a story
 * Assistant:
 * ```
 *
 * @example
 * plainChatTemplate([{ role: 'user', content: 'Hi' }]) // { prompt: 'User: Hi\nAssistant:', stop: ['\nUser:'] }
 */
export function plainChatTemplate(messages: readonly ChatMessage[]): { prompt: string; stop: string[] } {
  const lines = messages.map((message) => {
    if (message.role === 'system') return `${message.content}\n\n`
    return `${message.role === 'user' ? 'User' : 'Assistant'}: ${message.content}\n`
  })
  return { prompt: `${lines.join('')}Assistant:`, stop: ['\nUser:'] }
}
