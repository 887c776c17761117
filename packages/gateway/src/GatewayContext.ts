import type { Receipt } from '@openledger/attribution'
import type { Hex } from 'viem'
import type { AgentGate } from './chat/AgentGate.js'
import type { Reservations } from './chat/Reservations.js'
import type { SpanCorpusCache } from './chat/spanCorpora.js'
import type { GatewayOptions } from './GatewayOptions.js'
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js'

/** What the gateway's handlers share: the options, and the state one gateway keeps. */
export type GatewayContext = GatewayOptions & {
  metrics: GatewayMetrics
  agentGate: AgentGate
  reservations: Reservations
  corpora: SpanCorpusCache
  /** Receipts queued by this gateway, until the worker records them (so `GET /v1/receipts/:id` knows them). */
  queued: Map<Hex, { receipt: Receipt; agentId: bigint }>
  onError: (error: unknown, requestId: string) => void
}
