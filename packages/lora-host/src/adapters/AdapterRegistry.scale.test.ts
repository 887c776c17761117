import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdapterRegistry } from './AdapterRegistry.js'
import { tinyLlamaConfig as config, generatePeftAdapter } from './testing.js'

const base = { modelId: 'stories260K', config, maxRank: 8 }
const COUNT = 10_000

// Correctness at scale only: the open time and the memory per adapter are measured by the benchmark
// (bench/host.bench.ts, BENCHMARKS.md), never timed in tests.
const open = (root: string) => ({ registry: new AdapterRegistry({ root, base }) })

describe('AdapterRegistry at 10,000 adapters', () => {
  let root: string
  beforeAll(async () => {
    // 10,000 names through register(), all on one blob: the blob is written once, so this stays fast on slow
    // disks (a blob costs a folder and two files); distinct blobs are covered in AdapterRegistry.test.ts.
    root = mkdtempSync(join(tmpdir(), 'adapters-10k-'))
    const registry = new AdapterRegistry({ root, base })
    const files = generatePeftAdapter({ config, rank: 1, modules: ['q_proj'] })
    for (let i = 0; i < COUNT; i++) await registry.register({ name: `agent-${i}-adapter`, files })
  }, 120_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reopens 10,000 names on one blob', () => {
    const { registry } = open(root)
    expect(registry.size).toBe(COUNT)
    expect(registry.readWeights('agent-9999-adapter').rank).toBe(1)
  })

  it('reopens 10,000 names that each have their own blob', () => {
    // The index as 10,000 distinct blobs would leave it (opening reads only the index, never the blobs).
    const index = join(root, 'index.jsonl')
    const lines = readFileSync(index, 'utf8').trim().split('\n')
    const distinct = lines.map((line, i) => {
      const record = JSON.parse(line)
      return JSON.stringify({ ...record, sha256: createHash('sha256').update(String(i)).digest('hex') })
    })
    writeFileSync(index, `${distinct.join('\n')}\n`)
    const { registry } = open(root)
    expect(new Set(registry.list().map((info) => info.sha256)).size).toBe(COUNT)
  })
})
