/**
 * Gateway overhead benchmark: streaming chats through the real stack (devnet, lora-host over HTTP, datanet,
 * settlement worker; `startTestGateway`), first one at a time, then in rounds of all at once. Prints
 * client-side latency, the gateway's own time for the answer, the model time it reports (the agent run: model
 * host calls and tools) and its overhead (total − model: gating, attribution, metering, HTTP), p50/p99, and
 * records the table in bench/BENCHMARKS.md. Run: `npm run bench -w @openledger/gateway`
 * (`BENCH_SEQUENTIAL`, `BENCH_CONCURRENT`, `BENCH_ROUNDS`, `BENCH_MAX_TOKENS` change the sizes).
 *
 * Model time per request comes from `/metrics`: one at a time, the difference of
 * `openledger_gateway_model_seconds_sum` around each request is that request's model time exactly; all at
 * once, the requests overlap, so the gateway's times are estimated from its histograms' buckets
 * (`openledger_gateway_{answer,model,overhead}_seconds`), as `histogram_quantile` would.
 */
import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { streamChat } from '../src/load/streamChat.js'
import { startTestGateway } from '../src/testing/index.js'
import { histogramDelta, histogramQuantile, type PromHistogram, promHistogram } from './promHistogram.js'

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 100)
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 200)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const MAX_TOKENS = Number(process.env.BENCH_MAX_TOKENS ?? 16)
const DEADLINE_MS = 600_000

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  )
}
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '—')
const pair = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}`
// A quantile past the largest finite bucket is only known to exceed it: say so rather than print the bound.
const quantile = (q: number, histogram: PromHistogram) => {
  const finite = histogram.buckets.at(-2)
  const total = histogram.buckets.at(-1)?.[1] ?? 0
  const value = ms(histogramQuantile(q, histogram) * 1000)
  return finite && q * total > finite[1] ? `> ${value}` : `≈ ${value}`
}
const quantiles = (histogram: PromHistogram) => `${quantile(0.5, histogram)} / ${quantile(0.99, histogram)}`

// The machine may be shared: the load average says how much of its cores this run had.
const loadBefore = loadavg()[0]!
const t = await startTestGateway({
  deposit: '1000',
  gateway: { limits: { maxTokens: MAX_TOKENS, rate: { burst: 100_000, perSecond: 100_000 } } },
})
const deadline = AbortSignal.timeout(DEADLINE_MS)
const histograms = async () => {
  const text = await (await fetch(`${t.url}/metrics`)).text()
  const read = (name: string) => promHistogram(text, `openledger_gateway_${name}_seconds`)
  return { answer: read('answer'), model: read('model'), overhead: read('overhead') }
}
let asked = 0
/** Failures are counted and shown, not thrown: under load a refusal or a timeout is part of the result. */
const failures = new Map<string, number>()
const chat = async () => {
  const answer = await streamChat({
    url: t.url,
    apiKey: t.apiKey,
    model: t.model,
    messages: [{ role: 'user', content: `Tell me story ${asked++} about the big red ball in the park.` }],
    maxTokens: MAX_TOKENS,
    signal: deadline,
  })
  const ok = answer.status === 200 && !answer.error && answer.done && answer.attribution !== undefined
  if (!ok) {
    const why = `${answer.status} ${answer.error?.message ?? 'no [DONE] or no attribution'}`
    failures.set(why, (failures.get(why) ?? 0) + 1)
  }
  return { ...answer, ok }
}
const counted = (answers: { ok: boolean }[]) => {
  const failed = answers.filter((a) => !a.ok).length
  return `${answers.length}${failed ? ` (${failed} failed)` : ''}`
}

type Row = [string, string, string, string, string, string, string, string]
const header: Row = [
  'phase',
  'requests',
  'total p50 / p99 ms',
  'first token p50 / p99 ms',
  'gateway answer p50 / p99 ms',
  'model p50 / p99 ms',
  'overhead p50 / p99 ms',
  'throughput',
]
const rows: Row[] = []
try {
  for (let i = 0; i < 5; i++) await chat() // warm-up: JIT, connections, the span corpus cache
  failures.clear()

  // One at a time: the gateway's times per request, exactly, from its histograms' sums around it.
  const one = { total: [] as number[], first: [] as number[], answer: [] as number[], model: [] as number[] }
  const outcomes: { ok: boolean }[] = []
  let elapsed = 0
  for (let i = 0; i < SEQUENTIAL; i++) {
    const before = await histograms()
    const answer = await chat()
    const after = await histograms()
    outcomes.push(answer)
    if (!answer.ok) continue
    one.total.push(answer.totalMs)
    one.first.push(answer.firstDeltaMs ?? Number.NaN)
    one.answer.push((after.answer.sum - before.answer.sum) * 1000)
    one.model.push((after.model.sum - before.model.sum) * 1000)
    elapsed += answer.totalMs
    process.stderr.write(`\r  one at a time ${i + 1}/${SEQUENTIAL}`)
  }
  process.stderr.write('\n')
  rows.push([
    'one at a time',
    counted(outcomes),
    pair(one.total),
    pair(one.first),
    pair(one.answer),
    pair(one.model),
    pair(one.total.map((total, i) => total - one.model[i]!)),
    `${(SEQUENTIAL / (elapsed / 1000)).toFixed(1)}/s`,
  ])

  // All at once, in rounds (the first burst after start-up and the worker's metering backlog both show).
  for (let round = 1; round <= ROUNDS; round++) {
    const before = await histograms()
    const started = performance.now()
    const outcomes = await Promise.all(Array.from({ length: CONCURRENT }, chat))
    const answers = outcomes.filter((a) => a.ok)
    const seconds = (performance.now() - started) / 1000
    const after = await histograms()
    process.stderr.write(`  all at once, round ${round}/${ROUNDS}: ${seconds.toFixed(1)} s\n`)
    rows.push([
      `all at once, round ${round}`,
      counted(outcomes),
      pair(answers.map((a) => a.totalMs)),
      pair(answers.map((a) => a.firstDeltaMs ?? Number.NaN)),
      quantiles(histogramDelta(after.answer, before.answer)),
      quantiles(histogramDelta(after.model, before.model)),
      quantiles(histogramDelta(after.overhead, before.overhead)),
      `${(CONCURRENT / seconds).toFixed(1)}/s`,
    ])
  }
} finally {
  await t.close()
}

const width = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`
const table = [line(header), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
const failed = [...failures].map(([why, n]) => `- ${n} × ${why}`).join('\n')
const failedSection = failed ? `\n\nFailures (left out of the latencies):\n\n${failed}` : ''
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadBefore.toFixed(1)} before / ${loadavg()[0]!.toFixed(1)} after`
const date = new Date().toISOString().slice(0, 10)
console.log(
  `\nGateway overhead — story agent on stories260K, max_tokens ${MAX_TOKENS}, ${machine}, ${date}\n\n${table}${failedSection}`,
)
writeFileSync(
  fileURLToPath(new URL('./BENCHMARKS.md', import.meta.url)),
  `# Gateway overhead

Recorded by \`npm run bench -w @openledger/gateway\` (bench/overhead.bench.ts); every number comes from one run.

- Machine: ${machine}
- Date: ${date}
- Stack: startTestGateway (devnet, lora-host over HTTP on stories260K with adapter a0, the story agent: datanet lookup then answer), streaming, max_tokens ${MAX_TOKENS}
- total and first token: client-side, from sending the request to \`[DONE]\` and to the first content delta
- gateway answer: the gateway's own time for the answer (\`openledger_gateway_answer_seconds\`, from its handler's start); model: the agent run as the gateway times it (\`openledger_gateway_model_seconds\`)
- overhead: one at a time, total − model per request; all at once, the gateway's \`openledger_gateway_overhead_seconds\` (answer − model, server-side)
- all at once, the gateway's times are estimated from histogram buckets (≈); "> x" means past the largest finite bucket

${table}${failedSection}
`,
)
