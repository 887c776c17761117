/**
 * Gateway overhead benchmark: streaming chats through the real stack (devnet, lora-host over HTTP, datanet,
 * settlement worker; `startTestGateway`), first one at a time, then all at once. Prints client-side latency,
 * the model time the gateway reports (the agent run: model host calls and tools) and the gateway's own
 * overhead (total − model: gating, attribution, metering, HTTP), p50/p99, and records the table in
 * bench/BENCHMARKS.md. Run: `npm run bench -w @openledger/gateway`
 * (`BENCH_SEQUENTIAL`, `BENCH_CONCURRENT`, `BENCH_MAX_TOKENS` change the sizes).
 *
 * Model time per request comes from `/metrics`: one at a time, the difference of
 * `openledger_gateway_model_seconds_sum` around each request is that request's model time exactly; all at
 * once, the requests overlap, so model time and overhead are estimated from the histograms' buckets
 * (`openledger_gateway_model_seconds`, `openledger_gateway_overhead_seconds`), as `histogram_quantile` would.
 */
import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { streamChat } from '../src/load/streamChat.js'
import { startTestGateway } from '../src/testing/index.js'
import { histogramDelta, histogramQuantile, type PromHistogram, promHistogram } from './promHistogram.js'

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 100)
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 200)
const MAX_TOKENS = Number(process.env.BENCH_MAX_TOKENS ?? 16)
const DEADLINE_MS = 300_000

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  )
}
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '—')
const pair = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}`

// The machine may be shared: the load average says how much of the 2 cores this run had.
const loadBefore = loadavg()[0]!
const t = await startTestGateway({
  deposit: '1000',
  gateway: { limits: { maxTokens: MAX_TOKENS, rate: { burst: 100_000, perSecond: 100_000 } } },
})
const deadline = AbortSignal.timeout(DEADLINE_MS)
const histograms = async () => {
  const text = await (await fetch(`${t.url}/metrics`)).text()
  return {
    model: promHistogram(text, 'openledger_gateway_model_seconds'),
    overhead: promHistogram(text, 'openledger_gateway_overhead_seconds'),
  }
}
let asked = 0
const chat = async () => {
  const answer = await streamChat({
    url: t.url,
    apiKey: t.apiKey,
    model: t.model,
    messages: [{ role: 'user', content: `Tell me story ${asked++} about the big red ball in the park.` }],
    maxTokens: MAX_TOKENS,
    signal: deadline,
  })
  if (answer.status !== 200 || answer.error || !answer.done || !answer.attribution)
    throw new Error(`chat failed: ${answer.status} ${answer.error?.message ?? 'no [DONE] or no attribution'}`)
  return answer
}

type Row = [
  phase: string,
  n: string,
  total: string,
  firstToken: string,
  model: string,
  overhead: string,
  rate: string,
]
const rows: Row[] = []
try {
  for (let i = 0; i < 5; i++) await chat() // warm-up: JIT, connections, the span corpus cache

  // One at a time: model time per request, exactly, from the histogram's sum around it.
  const sequential = {
    total: [] as number[],
    first: [] as number[],
    model: [] as number[],
    overhead: [] as number[],
  }
  const sequentialStarted = performance.now()
  for (let i = 0; i < SEQUENTIAL; i++) {
    const before = await histograms()
    const answer = await chat()
    const after = await histograms()
    const modelMs = (after.model.sum - before.model.sum) * 1000
    sequential.total.push(answer.totalMs)
    sequential.first.push(answer.firstDeltaMs ?? Number.NaN)
    sequential.model.push(modelMs)
    sequential.overhead.push(answer.totalMs - modelMs)
    process.stderr.write(`\r  sequential ${i + 1}/${SEQUENTIAL}`)
  }
  const sequentialSeconds = (performance.now() - sequentialStarted) / 1000
  process.stderr.write('\n')
  rows.push([
    'one at a time',
    String(SEQUENTIAL),
    pair(sequential.total),
    pair(sequential.first),
    pair(sequential.model),
    pair(sequential.overhead),
    `${(SEQUENTIAL / sequentialSeconds).toFixed(1)}/s (incl. /metrics reads)`,
  ])

  // All at once: client latency exact; model time and overhead from the histograms' buckets.
  const before = await histograms()
  const concurrentStarted = performance.now()
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, chat))
  const concurrentSeconds = (performance.now() - concurrentStarted) / 1000
  const after = await histograms()
  // A quantile past the largest finite bucket is only known to exceed it: say so rather than print the bound.
  const quantile = (q: number, histogram: PromHistogram) => {
    const finite = histogram.buckets.at(-2)
    const total = histogram.buckets.at(-1)?.[1] ?? 0
    const value = ms(histogramQuantile(q, histogram) * 1000)
    return finite && q * total > finite[1] ? `> ${value}` : `≈ ${value}`
  }
  const quantiles = (histogram: PromHistogram) => `${quantile(0.5, histogram)} / ${quantile(0.99, histogram)}`
  rows.push([
    'all at once',
    String(CONCURRENT),
    pair(answers.map((a) => a.totalMs)),
    pair(answers.map((a) => a.firstDeltaMs ?? Number.NaN)),
    quantiles(histogramDelta(after.model, before.model)),
    quantiles(histogramDelta(after.overhead, before.overhead)),
    `${(CONCURRENT / concurrentSeconds).toFixed(1)}/s`,
  ])
} finally {
  await t.close()
}

const header: Row = [
  'phase',
  'requests',
  'total p50 / p99 ms',
  'first token p50 / p99 ms',
  'model p50 / p99 ms',
  'overhead p50 / p99 ms',
  'throughput',
]
const width = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`
const table = [line(header), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadBefore.toFixed(1)} before / ${loadavg()[0]!.toFixed(1)} after`
const date = new Date().toISOString().slice(0, 10)
console.log(
  `\nGateway overhead — story agent on stories260K, max_tokens ${MAX_TOKENS}, ${machine}, ${date}\n\n${table}`,
)
writeFileSync(
  fileURLToPath(new URL('./BENCHMARKS.md', import.meta.url)),
  `# Gateway overhead\n\nRecorded by \`npm run bench -w @openledger/gateway\` (bench/overhead.bench.ts); every number comes from one run.\n\n- Machine: ${machine}\n- Date: ${date}\n- Stack: startTestGateway (devnet, lora-host over HTTP on stories260K with adapter a0, the story agent: datanet lookup then answer), streaming, max_tokens ${MAX_TOKENS}\n- total: client-side, request sent to \`[DONE]\`; model: the agent run as the gateway times it (\`openledger_gateway_model_seconds\`); overhead: total − model (one at a time: per request; all at once: the gateway's \`openledger_gateway_overhead_seconds\`, server-side, ≈ from buckets)\n\n${table}\n`,
)
