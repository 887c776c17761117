import { toHttpError } from '@openledger/http'
import type { ChatCompletionRequest } from '../api/chatCompletionRequestSchema.js'
import type { ChatTemplate } from '../api/chatTemplate.js'
import type { CompletionRequest } from '../api/completionRequestSchema.js'
import { createChatCompletion } from '../api/createChatCompletion.js'
import { type ApiCallOptions, createCompletion } from '../api/createCompletion.js'
import { createEmbedding, type EmbeddingRequest, type EmbeddingResponse } from '../api/createEmbedding.js'
import { hostHttpError } from '../api/hostHttpError.js'
import { listAdapters } from '../api/listAdapters.js'
import { listModels } from '../api/listModels.js'
import { pinAdapter } from '../api/pinAdapter.js'
import { type RegisterAdapterRequest, registerAdapter } from '../api/registerAdapter.js'
import { removeAdapter } from '../api/removeAdapter.js'
import type {
  AdapterObject,
  ChatCompletion,
  ChatCompletionChunk,
  Completion,
  CompletionChunk,
  DeletedAdapter,
  List,
  ModelObject,
} from '../api/types.js'
import { unpinAdapter } from '../api/unpinAdapter.js'
import type { LoraHost } from '../host/LoraHost.js'

/** `create` as OpenAI's client types it: `stream: true` gives chunks, otherwise the whole response. */
export type CreateOperation<Request, Response, Chunk> = {
  (body: Request & { stream: true }, options?: ApiCallOptions): Promise<AsyncIterable<Chunk>>
  (body: Request & { stream?: false | null }, options?: ApiCallOptions): Promise<Response>
  (body: Request, options?: ApiCallOptions): Promise<Response | AsyncIterable<Chunk>>
}

/** The HTTP API's operations, in-process, with the same request and response shapes. */
export type LocalClient = {
  completions: { create: CreateOperation<CompletionRequest, Completion, CompletionChunk> }
  chat: {
    completions: { create: CreateOperation<ChatCompletionRequest, ChatCompletion, ChatCompletionChunk> }
  }
  models: { list: () => Promise<List<ModelObject>> }
  embeddings: { create: (body: EmbeddingRequest) => Promise<EmbeddingResponse> }
  adapters: {
    list: () => Promise<List<AdapterObject>>
    register: (body: RegisterAdapterRequest) => Promise<AdapterObject>
    remove: (id: string) => Promise<DeletedAdapter>
    pin: (id: string) => Promise<AdapterObject>
    unpin: (id: string) => Promise<AdapterObject>
  }
}

/**
 * The host's API without HTTP, shaped like OpenAI's client: the same operations, bodies validated by the same
 * schemas, the same responses and chunks. Every failure is an `HttpError` (status + OpenAI error body) from the
 * same `toHttpError` mapping (with `hostHttpError`) the HTTP layer uses, also when it happens mid-stream. Stopping a stream early
 * (`break`) or aborting `options.signal` cancels its generation.
 *
 * @example
 * const client = createLocalClient(host)
 * const completion = await client.completions.create({ model: 'stories260K:a0', prompt: 'Once upon a time' })
 * for await (const chunk of await client.chat.completions.create({ model: 'stories260K', messages, stream: true }))
 *   process.stdout.write(chunk.choices[0]?.delta.content ?? '')
 */
export function createLocalClient(
  host: LoraHost,
  options: { chatTemplate?: ChatTemplate } = {},
): LocalClient {
  const created = Math.floor(Date.now() / 1000)
  const completions = (body: CompletionRequest, call?: ApiCallOptions) =>
    mapped(async () => mapStream(await createCompletion(host, body, call)))
  const chatCompletions = (body: ChatCompletionRequest, call?: ApiCallOptions) =>
    mapped(async () =>
      mapStream(await createChatCompletion(host, body, { ...call, chatTemplate: options.chatTemplate })),
    )
  return {
    completions: { create: completions as LocalClient['completions']['create'] },
    chat: { completions: { create: chatCompletions as LocalClient['chat']['completions']['create'] } },
    models: { list: () => mapped(() => listModels(host, { created })) },
    embeddings: { create: (body) => mapped(() => createEmbedding(host, body)) },
    adapters: {
      list: () => mapped(() => listAdapters(host)),
      register: (body) => mapped(() => registerAdapter(host, body)),
      remove: (id) => mapped(() => removeAdapter(host, id)),
      pin: (id) => mapped(() => pinAdapter(host, id)),
      unpin: (id) => mapped(() => unpinAdapter(host, id)),
    },
  }
}

async function mapped<T>(operation: () => T | Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    throw toHttpError(error, { map: hostHttpError })
  }
}

/** A stream whose errors are `HttpError`s too; other results as they are. */
function mapStream<T extends object>(result: T): T {
  if (!(Symbol.asyncIterator in result)) return result
  const chunks = result as AsyncIterable<unknown>
  return {
    async *[Symbol.asyncIterator]() {
      try {
        yield* chunks
      } catch (error) {
        throw toHttpError(error, { map: hostHttpError })
      }
    },
  } as T
}
