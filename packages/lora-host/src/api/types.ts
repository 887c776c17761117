import type { LoraModule } from '../model/types.js'

/** The adapter that served a response (its registered id and content hash); null for the plain base model. */
export type AdapterRef = { id: string; sha256: string } | null

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }

/** Why generation ended: a stop string or EOS ('stop'), or max_tokens ('length'). */
export type ResponseFinishReason = 'stop' | 'length'

/** `POST /v1/completions` without `stream`. */
export type Completion = {
  id: string
  object: 'text_completion'
  created: number
  model: string
  choices: { index: number; text: string; logprobs: null; finish_reason: ResponseFinishReason }[]
  usage: Usage
  adapter: AdapterRef
}

/** One server-sent event of a streamed completion. */
export type CompletionChunk = {
  id: string
  object: 'text_completion'
  created: number
  model: string
  choices: { index: number; text: string; logprobs: null; finish_reason: ResponseFinishReason | null }[]
  /** Only with `stream_options.include_usage`: null on every chunk but the last, whose `choices` is empty. */
  usage?: Usage | null
  adapter: AdapterRef
}

/** `POST /v1/chat/completions` without `stream`. */
export type ChatCompletion = {
  id: string
  object: 'chat.completion'
  created: number
  model: string
  choices: {
    index: number
    message: { role: 'assistant'; content: string; refusal: null }
    logprobs: null
    finish_reason: ResponseFinishReason
  }[]
  usage: Usage
  adapter: AdapterRef
}

/** One server-sent event of a streamed chat completion. */
export type ChatCompletionChunk = {
  id: string
  object: 'chat.completion.chunk'
  created: number
  model: string
  choices: {
    index: number
    delta: { role?: 'assistant'; content?: string }
    logprobs: null
    finish_reason: ResponseFinishReason | null
  }[]
  usage?: Usage | null
  adapter: AdapterRef
}

export type List<T> = { object: 'list'; data: T[] }

/** A served model name: the base, or `<base>:<adapter>` (with `parent` the base, as vLLM lists LoRA models). */
export type ModelObject = {
  id: string
  object: 'model'
  created: number
  owned_by: string
  root: string
  /**
   * sha256 of the root (base) model's weight file(s), hex, hashed once when the model was loaded: what a
   * receipt names as the base model that answered.
   */
  root_sha256: string
  parent: string | null
  adapter: AdapterRef
}

/** A registered adapter and where it is now. */
export type AdapterObject = {
  id: string
  object: 'adapter'
  /** The model name that serves it: `<base>:<id>`. */
  model: string
  sha256: string
  rank: number
  target_modules: LoraModule[]
  bytes: number
  /** Loaded in a slot now. */
  resident: boolean
  /** Kept resident for good. */
  pinned: boolean
}

export type DeletedAdapter = { id: string; object: 'adapter'; deleted: true }
