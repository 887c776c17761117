/**
 * hnswlib-node as the datanet index uses it (cosine space, M 32, efConstruction 200; `--m 16` for hnswlib's
 * default): insert rate, query latency (p50/p99) and recall@10 against exact brute-force search, at ef 10
 * (hnswlib's default), 100, 200 (the index's default) and 400. Random unit vectors are the hard case for HNSW
 * (no clusters, full intrinsic dimension); real embeddings recall better at the same ef.
 * Run: `npm run bench -w @openledger/datanets` (options: `-- --n 5000 --dim 64 --queries 200 --k 10 --m 16`).
 */
import { parseArgs } from 'node:util'
import { createRandom } from '@openledger/lora-host/random'
import { l2Normalize } from '../src/embeddings/l2Normalize.js'
import { HierarchicalNSW } from '../src/vector/hnsw.js'

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    dim: { type: 'string', default: '64' },
    queries: { type: 'string', default: '500' },
    k: { type: 'string', default: '10' },
    m: { type: 'string', default: '32' },
  },
})
const [n, dim, queryCount, k, m] = [values.n, values.dim, values.queries, values.k, values.m].map(Number) as [
  number,
  number,
  number,
  number,
  number,
]

/** Seeded uniform [0, 1) (lora-host's `createRandom`), turned Gaussian by Box–Muller: unit vectors uniform on the sphere. */
function randomUnitVectors(count: number, seed: number): Float32Array[] {
  const uniform = createRandom(seed)
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  return Array.from({ length: count }, () => l2Normalize(Float32Array.from({ length: dim }, gaussian)))
}

function exactTopK(data: Float32Array[], query: Float32Array): Set<number> {
  const scores = new Float64Array(data.length)
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!
    let dot = 0
    for (let d = 0; d < dim; d++) dot += v[d]! * query[d]!
    scores[i] = dot
  }
  const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]!)
  return new Set(order.slice(0, k))
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

const data = randomUnitVectors(n, 1)
const queries = randomUnitVectors(queryCount, 2)
const points = data.map((v) => Array.from(v))

const index = new HierarchicalNSW('cosine', dim)
index.initIndex({ maxElements: n, m, efConstruction: 200, randomSeed: 100 })
const buildStart = performance.now()
for (const [label, point] of points.entries()) index.addPoint(point, label)
const buildSeconds = (performance.now() - buildStart) / 1000

const exactStart = performance.now()
const truth = queries.map((q) => exactTopK(data, q))
const exactMs = (performance.now() - exactStart) / queryCount

const rows = [10, 100, 200, 400].map((ef) => {
  index.setEf(ef)
  const latencies: number[] = []
  let found = 0
  for (const [i, query] of queries.entries()) {
    const q = Array.from(query)
    const start = performance.now()
    const { neighbors } = index.searchKnn(q, k)
    latencies.push(performance.now() - start)
    for (const label of neighbors) if (truth[i]!.has(label)) found++
  }
  latencies.sort((a, b) => a - b)
  return {
    ef,
    'p50 ms': percentile(latencies, 0.5).toFixed(3),
    'p99 ms': percentile(latencies, 0.99).toFixed(3),
    'queries/s': Math.round(queryCount / (latencies.reduce((a, b) => a + b, 0) / 1000)),
    [`recall@${k}`]: (found / (queryCount * k)).toFixed(4),
  }
})

console.log(
  `hnswlib-node HierarchicalNSW('cosine', ${dim}), M ${m}, efConstruction 200: ${n} random unit vectors, ${queryCount} queries`,
)
console.log(
  `insert: ${buildSeconds.toFixed(2)} s, ${Math.round(n / buildSeconds)} vectors/s; brute force: ${exactMs.toFixed(2)} ms/query`,
)
console.table(rows)
