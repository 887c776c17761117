import type { GatewayMetrics } from '../metrics/createGatewayMetrics.js'
import type { ChatUsage } from './chatUsage.js'

export type ChatMeasures = {
  agent: string
  fee: bigint
  usage: ChatUsage
  stream: boolean
  /** From the request's arrival to now. */
  totalSeconds: number
  /** The agent run's share of it; the rest is the gateway's overhead. */
  modelSeconds: number
}

/**
 * Counts a metered answer: the fee debited, its prompt and completion tokens, and its end-to-end, model and
 * overhead times.
 *
 * @example
 * recordChatMetrics(context.metrics, { agent: agent.id, fee, usage, stream: false, totalSeconds, modelSeconds })
 */
export function recordChatMetrics(metrics: GatewayMetrics, measures: ChatMeasures): void {
  const { agent, usage, totalSeconds, modelSeconds } = measures
  metrics.debits.inc({ agent }, Number(measures.fee))
  metrics.tokens.inc({ agent, kind: 'prompt' }, usage.prompt_tokens)
  metrics.tokens.inc({ agent, kind: 'completion' }, usage.completion_tokens)
  metrics.answerSeconds.observe({ agent, stream: String(measures.stream) }, totalSeconds)
  metrics.modelSeconds.observe({ agent }, modelSeconds)
  metrics.overheadSeconds.observe({ agent }, Math.max(0, totalSeconds - modelSeconds))
}
