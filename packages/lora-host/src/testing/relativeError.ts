/** max |actual − expected| / max |expected| over rows of logits: the tests' measure of agreement. */
export function relativeError(actual: readonly Float32Array[], expected: readonly Float64Array[]): number {
  let diff = 0
  let scale = 0
  expected.forEach((row, t) => {
    row.forEach((value, i) => {
      diff = Math.max(diff, Math.abs(actual[t]![i]! - value))
      scale = Math.max(scale, Math.abs(value))
    })
  })
  return diff / scale
}
