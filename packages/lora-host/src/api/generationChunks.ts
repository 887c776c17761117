import type { StartedGeneration } from './startGeneration.js'
import type { ResponseFinishReason, Usage } from './types.js'

/** How a stream's chunks look: OpenAI's completion and chat formats differ only here. */
export type ChunkFormat<Chunk> = {
  /** Sent first, before any text (chat: the assistant role). */
  start?: (() => Chunk) | undefined
  text: (text: string) => Chunk
  /** The last choice chunk: no text, the finish reason. */
  end: (finishReason: ResponseFinishReason) => Chunk
  /** With `stream_options.include_usage`: a final chunk with empty `choices` and the usage. */
  usage?: ((usage: Usage) => Chunk) | undefined
}

/**
 * A started generation as a stream of chunks: waits for its first text (so admission errors throw from here,
 * before anything is streamed), then yields `start`, one chunk per piece of text, `end`, and `usage`. A
 * consumer that stops early (break, `return()`) cancels the generation, freeing its row.
 *
 * @example
 * const chunks = await generationChunks(started, { text: (text) => ({ text }), end: (reason) => ({ reason }) })
 * for await (const chunk of chunks) send(chunk)
 */
export async function generationChunks<Chunk>(
  started: StartedGeneration,
  format: ChunkFormat<Chunk>,
): Promise<AsyncIterable<Chunk>> {
  const texts = await started.open()
  return (async function* () {
    let complete = false
    try {
      if (format.start) yield format.start()
      for await (const text of texts) yield format.text(text)
      const end = await started.finished()
      yield format.end(end.finishReason)
      if (format.usage) yield format.usage(end.usage)
      complete = true
    } finally {
      if (!complete) started.abort()
    }
  })()
}
