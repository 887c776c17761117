import { HttpError, parseBody } from '@openledger/http'
import { z } from 'zod'
import type { LoraHost } from '../host/LoraHost.js'

export const embeddingRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2048)]),
  // The official client asks for base64 (little-endian float32 bytes) unless told 'float'.
  encoding_format: z.enum(['float', 'base64']).optional(),
  user: z.string().optional(),
})

export type EmbeddingRequest = z.input<typeof embeddingRequestSchema>

export type EmbeddingResponse = {
  object: 'list'
  data: { object: 'embedding'; index: number; embedding: number[] | string }[]
  model: string
  usage: { prompt_tokens: number; total_tokens: number }
}

/**
 * OpenAI's `POST /v1/embeddings` over the base model: the mean of the final hidden states of BOS + each
 * input's tokens (truncated to the context length). Adapters do not embed: the model must be the base.
 *
 * @example
 * const { data } = await createEmbedding(host, { model: 'stories260K', input: ['Lily saw a ball.'] })
 */
export async function createEmbedding(host: LoraHost, body: unknown): Promise<EmbeddingResponse> {
  const request = parseBody(embeddingRequestSchema, body)
  const { adapter } = host.resolve(request.model)
  if (adapter) {
    throw new HttpError(400, `Embeddings come from the base model; use model '${host.model.id}'.`, {
      type: 'invalid_request_error',
      param: 'model',
    })
  }
  const inputs = typeof request.input === 'string' ? [request.input] : request.input
  const vectors = await host.embed(inputs)
  const limit = host.limits.contextLength
  const tokens = inputs.reduce(
    (n, text) => n + Math.min(limit, host.model.tokenizer.encode(text, { bos: true }).length),
    0,
  )
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding:
        request.encoding_format === 'base64'
          ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
          : Array.from(vector),
    })),
    model: host.model.id,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  }
}
