import { Counter, Histogram, Registry } from 'prom-client'

/** The gateway's Prometheus metrics, on a registry of its own (several gateways may share a process). */
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/**
 * Requests by route and status, answer latency, model time, gateway overhead (answer time less model time),
 * tokens and debits.
 */
export function createGatewayMetrics() {
  const registry = new Registry()
  return {
    registry,
    requests: new Counter({
      name: 'openledger_gateway_requests_total',
      help: 'HTTP requests by route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    answerSeconds: new Histogram({
      name: 'openledger_gateway_answer_seconds',
      help: 'Time to answer a chat completion, end to end.',
      labelNames: ['agent', 'stream'],
      buckets: seconds,
      registers: [registry],
    }),
    modelSeconds: new Histogram({
      name: 'openledger_gateway_model_seconds',
      help: 'Time spent running the agent (model host calls, tools) per answer.',
      labelNames: ['agent'],
      buckets: seconds,
      registers: [registry],
    }),
    overheadSeconds: new Histogram({
      name: 'openledger_gateway_overhead_seconds',
      help: 'Gateway overhead per answer: total time less the agent run (gating, attribution, metering).',
      labelNames: ['agent'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'openledger_gateway_tokens_total',
      help: 'Tokens by kind (prompt, completion).',
      labelNames: ['agent', 'kind'],
      registers: [registry],
    }),
    debits: new Counter({
      name: 'openledger_gateway_debited_wei_total',
      help: 'Fees metered (wei of OPEN) by agent.',
      labelNames: ['agent'],
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'openledger_gateway_refusals_total',
      help: 'Answers refused before running, by reason.',
      labelNames: ['agent', 'reason'],
      registers: [registry],
    }),
  }
}
