/** A Prometheus histogram read from the text exposition, summed over its label sets. */
export type PromHistogram = {
  /** Cumulative counts by upper bound, ascending; the last bound is `Infinity`. */
  buckets: [le: number, count: number][]
  sum: number
  count: number
}

const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/

/**
 * Reads histogram `name` from a `/metrics` body, adding up all its label sets (every agent, say).
 *
 * @example
 * const model = promHistogram(await (await fetch(`${url}/metrics`)).text(), 'openledger_gateway_model_seconds')
 */
export function promHistogram(text: string, name: string): PromHistogram {
  const buckets = new Map<number, number>()
  let sum = 0
  let count = 0
  for (const line of text.split('\n')) {
    const match = sample.exec(line)
    if (!match) continue
    const [, metric, labels = '', value] = match
    const number = Number(value)
    if (metric === `${name}_sum`) sum += number
    else if (metric === `${name}_count`) count += number
    else if (metric === `${name}_bucket`) {
      const le = /(?:^|,)le="([^"]+)"/.exec(labels)?.[1]
      if (le === undefined) continue
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le)
      buckets.set(bound, (buckets.get(bound) ?? 0) + number)
    }
  }
  return { buckets: [...buckets].sort((a, b) => a[0] - b[0]), sum, count }
}

/** What was observed between two reads of the same histogram. */
export function histogramDelta(after: PromHistogram, before: PromHistogram): PromHistogram {
  const earlier = new Map(before.buckets)
  return {
    buckets: after.buckets.map(([le, count]) => [le, count - (earlier.get(le) ?? 0)]),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  }
}

/**
 * The `q` quantile estimated from the buckets as Prometheus's `histogram_quantile` does: linear within the
 * bucket the rank falls in; a rank in the `+Inf` bucket gives the largest finite bound. NaN when empty.
 */
export function histogramQuantile(q: number, histogram: PromHistogram): number {
  const { buckets } = histogram
  const total = buckets.at(-1)?.[1] ?? 0
  if (total === 0) return Number.NaN
  const rank = q * total
  let lower = 0
  let below = 0
  for (const [le, count] of buckets) {
    if (count >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lower
      return count === below ? le : lower + ((le - lower) * (rank - below)) / (count - below)
    }
    lower = le
    below = count
  }
  return lower
}
