import type { LoraHost } from '../src/host/LoraHost.js'

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

const greedy = { temperature: 0, topP: 1, topK: 0 }

/** Serves `models` (one request each) together; tokens per second over the wall time, prefill included. */
export async function batchThroughput(
  host: LoraHost,
  models: readonly string[],
  prompt: number[],
  maxTokens: number,
) {
  const start = performance.now()
  const results = await Promise.all(
    models.map((m) => host.generate(m, { ...greedy, prompt, maxTokens }).generation.result),
  )
  const seconds = (performance.now() - start) / 1000
  return results.reduce((n, r) => n + r.tokens.length, 0) / seconds
}

/** Serves the same requests one after another. */
export async function sequentialThroughput(
  host: LoraHost,
  models: readonly string[],
  prompt: number[],
  maxTokens: number,
) {
  const start = performance.now()
  let tokens = 0
  for (const m of models)
    tokens += (await host.generate(m, { ...greedy, prompt, maxTokens }).generation.result).tokens.length
  return tokens / ((performance.now() - start) / 1000)
}

/** Time to first text and between consecutive texts for `streams` concurrent streaming requests. */
export async function streamLatency(
  host: LoraHost,
  models: readonly string[],
  prompt: number[],
  maxTokens: number,
) {
  const ttft: number[] = []
  const itl: number[] = []
  await Promise.all(
    models.map(async (m) => {
      const submitted = performance.now()
      let last: number | undefined
      for await (const _ of host.generate(m, { ...greedy, prompt, maxTokens }).generation) {
        const now = performance.now()
        if (last === undefined) ttft.push(now - submitted)
        else itl.push(now - last)
        last = now
      }
    }),
  )
  return { ttft, itl }
}
