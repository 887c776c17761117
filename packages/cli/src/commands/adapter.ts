import { basename, resolve } from 'node:path'
import { BaseError } from '@openledger/errors'
import type { AdapterObject, ApiErrorBody } from '@openledger/lora-host'
import type { Command } from 'commander'
import type { Context } from '../context.js'
import { parseRpcUrl } from '../options.js'

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

export function adapterCommand(program: Command, context: Context): void {
  const adapter = program.command('adapter').description('Manage the LoRA adapters of a running lora-host.')
  adapter
    .command('register <dir>')
    .description(
      'Register a PEFT adapter folder (adapter_config.json + adapter_model.safetensors) with a running lora-host.',
    )
    .option('--name <id>', "the adapter's id (default: the folder's name)")
    .option(
      '--host-url <url>',
      'lora-host URL (default: LORA_HOST_URL, else http://127.0.0.1:8000)',
      parseRpcUrl,
    )
    .option('--replace', 'replace an adapter of this id that has other content')
    .action(async (dir: string, options: { name?: string; hostUrl?: string; replace?: boolean }) => {
      const path = resolve(dir)
      const url = options.hostUrl ?? context.env.LORA_HOST_URL
      const registered = await postToLoraHost<AdapterObject>(url, '/v1/adapters', {
        name: options.name ?? basename(path),
        path,
        replace: options.replace ?? false,
      })
      context.io.out(
        `Registered adapter ${registered.id} (rank ${registered.rank}, sha256 ${registered.sha256})`,
      )
      context.io.out(`  model  ${registered.model}`)
    })
}
