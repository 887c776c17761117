import { isAbsolute } from 'node:path'
import { parseBody } from '@openledger/http'
import { z } from 'zod'
import type { LoraHost } from '../host/LoraHost.js'
import { toAdapterObjects } from './toAdapterObjects.js'
import type { AdapterObject } from './types.js'

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

const schema = z
  .object({
    name: z.string({ error: 'must be a string' }).nullish(),
    path: z
      .string({ error: 'must be a string' })
      .refine(isAbsolute, { error: 'must be the absolute path of a PEFT adapter folder on the host' })
      .nullish(),
    config: z.string({ error: 'must be the text of adapter_config.json' }).nullish(),
    weights_base64: z
      .string({ error: 'must be adapter_model.safetensors in base64' })
      .regex(base64, { error: 'must be adapter_model.safetensors in base64' })
      .nullish(),
    replace: z.boolean({ error: 'must be a boolean' }).nullish(),
  })
  .superRefine((body, context) => {
    const upload = body.config != null || body.weights_base64 != null
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message })
    if (body.path != null && upload) issue('path', 'give either path or config + weights_base64, not both')
    else if (body.path == null && !upload)
      issue(
        'path',
        'is required (a PEFT adapter folder on the host), unless config + weights_base64 upload it',
      )
    else if (upload && body.config == null) issue('config', 'is required with weights_base64')
    else if (upload && body.weights_base64 == null) issue('weights_base64', 'is required with config')
  })

/** `POST /v1/adapters`: a folder on the host's machine, or the two files of a PEFT adapter uploaded. */
export type RegisterAdapterRequest = z.input<typeof schema>

/**
 * `POST /v1/adapters`: validates a PEFT adapter fully against the base model and registers it, from a folder
 * on the host's machine (`{ name?, path }`) or uploaded in the body (`{ name?, config: <adapter_config.json
 * text>, weights_base64: <adapter_model.safetensors, base64> }`). `name` defaults to the sha256; the same name
 * with the same content is a no-op, with other content a 409 unless `replace: true`. A corrupt or mismatched
 * adapter is a 400 `invalid_adapter`, and nothing is stored.
 *
 * @example
 * const adapter = await registerAdapter(host, { name: 'defi', path: '/data/defi-lora' })
 * adapter.model // 'stories260K:defi'
 */
export async function registerAdapter(host: LoraHost, body: unknown): Promise<AdapterObject> {
  const request = parseBody(schema, body)
  const info = await host.registerAdapter({
    name: request.name ?? undefined,
    replace: request.replace ?? false,
    ...(request.path != null
      ? { dir: request.path }
      : {
          files: {
            config: request.config!,
            weights: new Uint8Array(Buffer.from(request.weights_base64!, 'base64')),
          },
        }),
  })
  return toAdapterObjects(host, [info])[0]!
}
