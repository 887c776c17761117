import { describe, expect, it } from 'vitest'
import { histogramDelta, histogramQuantile, promHistogram } from './promHistogram.js'

const exposition = (scale: number) => `# HELP x_seconds Something.
# TYPE x_seconds histogram
x_seconds_bucket{le="0.1",agent="a"} ${1 * scale}
x_seconds_bucket{le="1",agent="a"} ${3 * scale}
x_seconds_bucket{le="+Inf",agent="a"} ${4 * scale}
x_seconds_sum{agent="a"} ${2.5 * scale}
x_seconds_count{agent="a"} ${4 * scale}
x_seconds_bucket{agent="b",le="0.1"} 0
x_seconds_bucket{agent="b",le="1"} ${scale}
x_seconds_bucket{agent="b",le="+Inf"} ${scale}
x_seconds_sum{agent="b"} ${0.5 * scale}
x_seconds_count{agent="b"} ${scale}
x_seconds_other 7
`

describe('promHistogram', () => {
  it('reads a histogram summed over label sets, in either label order', () => {
    expect(promHistogram(exposition(1), 'x_seconds')).toEqual({
      buckets: [
        [0.1, 1],
        [1, 4],
        [Number.POSITIVE_INFINITY, 5],
      ],
      sum: 3,
      count: 5,
    })
  })

  it('takes the difference of two reads and estimates quantiles like histogram_quantile', () => {
    const delta = histogramDelta(
      promHistogram(exposition(3), 'x_seconds'),
      promHistogram(exposition(1), 'x_seconds'),
    )
    expect(delta.count).toBe(10)
    expect(delta.buckets.at(-1)).toEqual([Number.POSITIVE_INFINITY, 10])
    expect(histogramQuantile(0.1, delta)).toBeCloseTo(0.05) // rank 1 of the first bucket's 2: halfway up it
    expect(histogramQuantile(0.5, delta)).toBeCloseTo(0.1 + 0.9 * (3 / 6))
    expect(histogramQuantile(0.99, delta)).toBe(1) // in +Inf: the largest finite bound
    expect(histogramQuantile(0.5, promHistogram('', 'x_seconds'))).toBeNaN()
  })
})
