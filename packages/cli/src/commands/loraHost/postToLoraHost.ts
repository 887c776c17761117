import { LoraHostRefusedError, LoraHostUnreachableError } from './errors.js'

/** The part of an OpenAI-style error body (`{ error: { message, type, … } }`) that the CLI prints. */
type ErrorBody = { error?: { message?: string } }

/** POSTs JSON to a running lora-host; its OpenAI-style errors and an unreachable host become one line. */
export async function postToLoraHost<T>(url: string, path: string, body: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${url.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch (error) {
    throw new LoraHostUnreachableError(url, error)
  }
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new LoraHostRefusedError(response.status, `not a lora-host answer: ${text.slice(0, 80)}`)
  }
  if (!response.ok) {
    const message = (parsed as ErrorBody).error?.message ?? text.slice(0, 200)
    throw new LoraHostRefusedError(response.status, message)
  }
  return parsed as T
}
