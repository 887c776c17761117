import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { LoraHost } from '../host/LoraHost.js'

export type HostMetrics = {
  /** This app's own registry (never prom-client's global one): serve `registry.metrics()`. */
  registry: Registry
  /** HTTP requests by method, route pattern and status; the app's middleware counts them. */
  httpRequests: Counter<'method' | 'route' | 'status'>
}

type Stats = ReturnType<LoraHost['stats']>

/**
 * Prometheus metrics for a host, read from `host.stats()` at each scrape: engine gauges and counters (running
 * rows, queue, steps, tokens, completed and cancelled requests), the adapter cache (hits, misses, loads,
 * evictions, resident, pinned, load time quantiles), registered adapters, and an HTTP request counter.
 *
 * @example
 * const { registry } = createHostMetrics(host)
 * app.get('/metrics', async (_, res) => res.type(registry.contentType).send(await registry.metrics()))
 */
export function createHostMetrics(host: LoraHost, options: { defaultMetrics?: boolean } = {}): HostMetrics {
  const registry = new Registry()
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry })
  // host.stats() is a few counters (and a sort of at most 1,024 load times): cheap enough to read per metric.
  const gauge = (name: string, help: string, pick: (stats: Stats) => number) =>
    new Gauge({
      name: `lora_host_${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(pick(host.stats()))
      },
    })
  const counter = (name: string, help: string, pick: (stats: Stats) => number) =>
    new Counter({
      name: `lora_host_${name}_total`,
      help,
      registers: [registry],
      collect() {
        this.reset()
        this.inc(pick(host.stats()))
      },
    })
  gauge('running_rows', 'Requests in the running batch.', (s) => s.engine.running)
  gauge('queued_requests', 'Requests waiting for a row.', (s) => s.engine.queued)
  counter('decode_steps', 'Decode steps (one session.run over every running row).', (s) => s.engine.steps)
  counter('prefill_steps', 'Prefill steps.', (s) => s.engine.prefillSteps)
  counter('generated_tokens', 'Tokens generated.', (s) => s.engine.generatedTokens)
  counter('prompt_tokens', 'Prompt tokens prefilled.', (s) => s.engine.promptTokens)
  counter('requests_completed', 'Generations that ended by stop, EOS or length.', (s) => s.engine.completed)
  counter('requests_cancelled', 'Generations cancelled (client gone, aborted).', (s) => s.engine.cancelled)
  counter('adapter_cache_hits', 'Adapter acquires served by a resident adapter.', (s) => s.adapters.hits)
  counter('adapter_cache_misses', 'Adapter acquires that loaded the adapter.', (s) => s.adapters.misses)
  counter(
    'adapter_cache_busy',
    'Adapter acquires deferred: every slot busy or pinned.',
    (s) => s.adapters.busy,
  )
  counter('adapter_loads', 'Adapters loaded from disk into a slot.', (s) => s.adapters.loads)
  counter('adapter_load_errors', 'Adapter loads that failed.', (s) => s.adapters.loadErrors)
  counter('adapter_evictions', 'Adapters evicted to make room (LRU).', (s) => s.adapters.evictions)
  gauge('adapter_slots', 'Adapter slots (the base model excluded).', (s) => s.adapters.slots)
  gauge('adapters_resident', 'Adapters resident in slots.', (s) => s.adapters.resident)
  gauge('adapters_pinned', 'Adapters pinned resident.', (s) => s.adapters.pinned)
  gauge('adapters_in_use', 'Resident adapters held by running requests.', (s) => s.adapters.inUse)
  gauge('adapters_registered', 'Registered adapters.', (s) => s.registered)
  new Gauge({
    name: 'lora_host_adapter_load_seconds',
    help: 'Adapter load time over recent loads, by quantile.',
    labelNames: ['quantile'],
    registers: [registry],
    collect() {
      const { loadMsP50, loadMsP99 } = host.stats().adapters
      this.reset()
      if (loadMsP50 !== undefined) this.set({ quantile: '0.5' }, loadMsP50 / 1000)
      if (loadMsP99 !== undefined) this.set({ quantile: '0.99' }, loadMsP99 / 1000)
    },
  })
  const httpRequests = new Counter({
    name: 'lora_host_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  return { registry, httpRequests }
}
