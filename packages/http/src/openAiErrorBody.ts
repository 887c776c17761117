import type { HttpError, HttpErrorBody } from './HttpError.js'

/**
 * An error's OpenAI-style body naming the request id: `{ error: { message, type, param, code, request_id } }`.
 * `errorHandler()`'s default body, and what a server sends as the last event of a stream that failed midway.
 *
 * @example
 * stream.send(openAiErrorBody(new HttpError(500, 'The agent failed.'), 'req_42'))
 */
export function openAiErrorBody(error: HttpError, requestId: string): HttpErrorBody {
  return { error: { ...error.body.error, request_id: requestId } }
}
