/** See `sse.js`: an incremental `text/event-stream` parser returning each complete event's data. */
export type SseParser = {
  /** Feeds decoded text; returns the data of the events it completed, in order. */
  push(text: string): string[]
  /** Ends the stream: returns the data of a last event not followed by a blank line. */
  flush(): string[]
}
export declare function createSseParser(): SseParser
