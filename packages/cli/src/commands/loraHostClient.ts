import { BaseError } from '@openledger/errors'
import type { ApiErrorBody } from '@openledger/lora-host'

export class LoraHostUnreachableError extends BaseError {
  override name = 'LoraHostUnreachableError'
  constructor(url: string, cause: unknown) {
    super(
      `lora-host at ${url} is unreachable; start one with \`openledger lora-host --model <path>\`, or pass --host-url.`,
      { cause },
    )
  }
}

export class LoraHostRefusedError extends BaseError {
  override name = 'LoraHostRefusedError'
  readonly status: number
  constructor(status: number, message: string) {
    super(`lora-host refused (${status}): ${message}`)
    this.status = status
  }
}

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
    const message = (parsed as Partial<ApiErrorBody>).error?.message ?? text.slice(0, 200)
    throw new LoraHostRefusedError(response.status, message)
  }
  return parsed as T
}
