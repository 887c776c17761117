/**
 * Span index benchmark: suffix-array build speed and memory over 10M tokens, the file round trip, and
 * span-query latency for 256-token answers against a naive scan. One run; prints a table and records it in
 * BENCHMARKS.md. Run: `npm run bench -w @openledger/attribution`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRandom } from '@openledger/lora-host/random'
import type { Address } from 'viem'
import { buildSpanIndex } from '../src/spans/buildSpanIndex.js'
import { findSpans } from '../src/spans/findSpans.js'
import { matchingStatistics } from '../src/spans/matchingStatistics.js'
import { readSpanIndex } from '../src/spans/readSpanIndex.js'
import { scoreSpans } from '../src/spans/scoreSpans.js'
import { createZipf } from '../src/spans/testing/createZipf.js'
import { writeSpanIndex } from '../src/spans/writeSpanIndex.js'
import { naiveMatchingStatistics } from './naiveMatchingStatistics.js'

const TOKENS = 10_000_000
const VOCABULARY = 32_000
const ANSWER = 256
const QUERIES = 200
const NAIVE_QUERIES = 4

const gc = (globalThis as { gc?: () => void }).gc
const rows: [string, string, string][] = []
const add = (measure: string, value: string, target = '') => {
  rows.push([measure, value, target])
  console.error(`  ${measure}: ${value}`)
}
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`

// The corpus: seeded Zipf pseudo-text (32k ids, exponent 1.1), rows of 50–500 tokens, 1,000 contributors
const zipf = createZipf({ vocabularySize: VOCABULARY, random: createRandom(1) })
const random = createRandom(2)
const tokens = new Uint32Array(TOKENS)
for (let i = 0; i < TOKENS; i++) tokens[i] = zipf()
const corpus: { rowId: string; contributor: Address; tokens: Uint32Array }[] = []
for (let at = 0; at < TOKENS; ) {
  const length = Math.min(50 + Math.floor(random() * 451), TOKENS - at)
  const contributor = `0x${(corpus.length % 1000).toString(16).padStart(40, '0')}` as Address
  corpus.push({ rowId: `row-${corpus.length}`, contributor, tokens: tokens.subarray(at, at + length) })
  at += length
}
console.error(`corpus: ${TOKENS.toLocaleString('en')} tokens in ${corpus.length.toLocaleString('en')} rows`)

// 1. Build: time, index size, and the process's peak memory above what it held before the build
gc?.()
const rssBefore = process.memoryUsage().rss
const phases = new Map<string, number>()
const started = performance.now()
const index = buildSpanIndex(corpus, { onProgress: ({ phase, elapsedMs }) => phases.set(phase, elapsedMs) })
const buildMs = performance.now() - started
const peakAbove = process.resourceUsage().maxRSS * 1024 - rssBefore
const sortMs = phases.get('done')! - phases.get('sort')!
add(
  `build ${(TOKENS / 1e6).toFixed(0)}M tokens (encode + SA-IS)`,
  `${(buildMs / 1000).toFixed(2)} s = ${(((TOKENS / buildMs) * 1000) / 1e6).toFixed(2)}M tokens/s (SA-IS ${(sortMs / 1000).toFixed(2)} s)`,
  '< 5 s',
)
const indexBytes =
  index.suffixArray.byteLength +
  index.rowStarts.byteLength +
  index.vocabulary.byteLength +
  index.counts.byteLength
add(
  'index bytes per token: SA + row table + vocabulary + counts',
  `${(indexBytes / TOKENS).toFixed(3)} B (+ ${(index.text.byteLength / TOKENS).toFixed(3)} B the tokens)`,
  '≤ 8 B',
)
add(
  'build peak RSS above its input',
  `${mib(peakAbove)} = ${(peakAbove / TOKENS).toFixed(2)} B/token (index 8 B/token of it)`,
  '≤ 8 B + tokens',
)

// 2. The file round trip
const dir = mkdtempSync(join(tmpdir(), 'openledger-spans-bench-'))
const path = join(dir, 'corpus.spans')
let at = performance.now()
const fileBytes = await writeSpanIndex(index, path)
const writeMs = performance.now() - at
at = performance.now()
const read = await readSpanIndex(path)
const readMs = performance.now() - at
add(
  'index file: size, write, read (SHA-256 + checks)',
  `${mib(fileBytes)}, ${writeMs.toFixed(0)} ms, ${readMs.toFixed(0)} ms`,
)
rmSync(dir, { recursive: true, force: true })

gc?.()

// 3. Queries: half copy a 256-token stretch of a random long row, half are fresh Zipf text
const fresh = createZipf({ vocabularySize: VOCABULARY, random: createRandom(3) })
const longRows = corpus.filter((row) => row.tokens.length >= ANSWER)
const answers = Array.from({ length: QUERIES }, (_, q) => {
  if (q % 2 === 1) return Array.from({ length: ANSWER }, fresh)
  const row = longRows[Math.floor(random() * longRows.length)]!.tokens
  const start = Math.floor(random() * (row.length - ANSWER + 1))
  return [...row.subarray(start, start + ANSWER)]
})
const query = (answer: number[]) => scoreSpans(read, findSpans(read, answer))
for (const answer of answers.slice(0, 20)) query(answer) // warm-up
const latency: number[][] = [[], []]
let attributed = 0
for (const [q, answer] of answers.entries()) {
  const t0 = performance.now()
  const scores = query(answer)
  latency[q % 2]!.push(performance.now() - t0)
  if (q % 2 === 0 && scores.evidence) attributed++
}
const all = [...latency[0]!, ...latency[1]!]
const show = (values: number[]) =>
  `${percentile(values, 50).toFixed(2)} / ${percentile(values, 99).toFixed(2)} ms`
add(`span query p50 / p99, ${ANSWER}-token answers, ${QUERIES} queries`, show(all), 'p50 < 5 ms')
add('  of which copied from a row / fresh text', `${show(latency[0]!)}; ${show(latency[1]!)}`)
add('  copied answers attributed', `${attributed} / ${QUERIES / 2}`)

// 4. The naive scan (every answer position against every corpus position) on the first queries, whole corpus
const naiveMs: number[] = []
const indexMs: number[] = []
for (const answer of answers.slice(0, NAIVE_QUERIES)) {
  let t0 = performance.now()
  const expected = naiveMatchingStatistics(read, answer)
  naiveMs.push(performance.now() - t0)
  t0 = performance.now()
  query(answer)
  indexMs.push(performance.now() - t0)
  const lengths = matchingStatistics(read, answer)
  if (expected.some((length, i) => length !== lengths[i])) throw new Error('naive scan and index disagree')
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
add(
  `naive scan, ${NAIVE_QUERIES} of the queries (2 copied, 2 fresh) over all ${TOKENS / 1e6}M tokens`,
  `${(mean(naiveMs) / 1000).toFixed(2)} s a query; the index's full query ${mean(indexMs).toFixed(2)} ms: ${(mean(naiveMs) / mean(indexMs)).toFixed(0)}× faster`,
)

const width = [0, 1, 2].map((c) =>
  Math.max(...rows.map((r) => r[c]!.length), ['measure', 'value', 'target'][c]!.length),
)
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`
const table = [
  line(['measure', 'value', 'target']),
  line(width.map((w) => '-'.repeat(w))),
  ...rows.map(line),
].join('\n')
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
const date = new Date().toISOString().slice(0, 10)
console.log(`\nSpan index benchmark — ${machine}, ${date}\n\n${table}`)
writeFileSync(
  fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)),
  `# Attribution benchmarks\n\n## Span index\n\nRecorded by \`npm run bench -w @openledger/attribution\` (bench/spans.bench.ts); every number comes from one run.\n\n- Machine: ${machine}\n- Date: ${date}\n- Corpus: ${TOKENS.toLocaleString('en')} tokens of seeded Zipf pseudo-text (${VOCABULARY.toLocaleString('en')} ids, exponent 1.1) in ${corpus.length.toLocaleString('en')} rows of 50–500 tokens\n- Queries: ${QUERIES} answers of ${ANSWER} tokens, half a stretch copied from a random row, half fresh Zipf text; findSpans (defaults) + scoreSpans over the index read back from its file\n- Naive scan: for each answer position, every corpus position, extending matches up to the row's end; run in full (not extrapolated) on ${NAIVE_QUERIES} of the queries, and checked equal to the index's matching statistics\n\n${table}\n`,
)
