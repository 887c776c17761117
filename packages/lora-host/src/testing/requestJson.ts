/** A response's status, headers and parsed JSON body. */
export type JsonResponse<T = unknown> = { status: number; headers: Headers; body: T }

/**
 * For HTTP tests: sends a request (a JSON body unless `body` is a string, sent as is with a JSON content
 * type) and parses the answer as JSON.
 *
 * @example
 * const { status, body } = await requestJson(`${url}/v1/completions`, { method: 'POST', body: { model, prompt } })
 */
export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    ...(init.body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
        }),
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as T }
}
