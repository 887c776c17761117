import type { BaseCheckpointSaver } from '@langchain/langgraph'
import type { ChatCompletionsClient, ServedAgent } from '@openledger/agent-runtime'
import type { InfluenceScorer } from '@openledger/attribution'
import type { ChainConnection, Manifest } from '@openledger/chain'
import type { Tokenizer } from '@openledger/lora-host'
import type { StoreSession } from '@openledger/store'
import type { Queue } from 'bullmq'
import type { Router } from 'express'
import type { GatewayFineTunes } from './fineTunes/GatewayFineTunes.js'
import type { RateLimitOptions } from './http/rateLimit.js'

/** What `createGateway` serves, and with what. */
export type GatewayOptions = {
  /** The agents served: `model` in a request is an agent's id. */
  agents: readonly ServedAgent[]
  connection: ChainConnection
  /** The deployment: AgentRegistry/AgentStaking (gating), FeeRouter (the ledger), DatanetRegistry (rows). */
  manifest: Pick<Manifest, 'contracts'>
  /** API keys, the settlement ledger (balances, receipts) and datanet rows. */
  store: StoreSession
  /** The settlement `usage` queue (`usageQueue({ redis, prefix })` from @openledger/settlement). */
  usage: Queue
  /** The model host: `createLocalClient(host)`, or the `openai` client pointed at a lora-host's `/v1`. */
  client: ChatCompletionsClient
  /** The host's base model id, e.g. `stories260K`. */
  baseModel: string
  /** The base model's tokenizer (answer tokens for span attribution and usage). */
  tokenizer: Tokenizer
  /** Whether the model host answers (for `/health`); default: list the client's models when it can. */
  hostHealthy?: () => Promise<boolean>
  limits?: {
    /** Largest request body, bytes (default 256 KiB): larger is a 413. */
    bodyBytes?: number
    /** Per valid API key (default: bursts of 60, 10 a second). */
    rate?: RateLimitOptions
    /** Per client address, for every request without a valid API key (default: bursts of 60, 10 a second). */
    addressRate?: RateLimitOptions
    /** The most tokens a role may generate per call (default 128). */
    maxTokens?: number
  }
  /** Keeps conversation threads named by `X-OpenLedger-Thread` (or `user`); without it each request stands alone. */
  checkpointer?: BaseCheckpointSaver
  /** The chat page, mounted at `/`. */
  page?: Router
  /**
   * ModelFactory's fine-tune API over this queue, served under `/v1/fine-tunes` with API keys: each job scoped to
   * its key, bounded (steps, rows) and priced per step (held up front, metered with a `fine-tune` receipt).
   */
  fineTunes?: GatewayFineTunes
  /**
   * Where `/metrics` answers: 'loopback' (the default) serves it on this app to loopback clients only (a request
   * forwarded by a proxy on loopback counts as its client's), 'off' not at all (serve `metricsApp(gateway)` on a
   * port of its own instead, e.g. `startGateway`'s `metricsPort`).
   */
  metricsAccess?: 'loopback' | 'off'
  /**
   * Gradient influence of the answering adapters on their training rows, fused with spans and retrieval
   * (ModelFactory's `createInfluenceScorer` over the features stored beside each adapter).
   */
  influence?: InfluenceScorer
  /** Shortest verbatim span credited, in tokens (attribution's default: 8). */
  spanMinLength?: number
  /** Where unexpected errors go (default: one line on stderr with the request id). */
  onError?: (error: unknown, requestId: string) => void
}
