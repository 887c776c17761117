/** Per-request sampling settings; temperature 0 is greedy. */
export type SamplingParameters = {
  temperature: number
  /** Nucleus: keep the smallest set of tokens whose probability sums to at least topP (1 = off). */
  topP: number
  /** Keep the topK most likely tokens (0 = off). */
  topK: number
}

/** The index of the largest logit (the lowest index on ties). */
export function argmax(logits: Float32Array): number {
  let best = 0
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i
  return best
}

/**
 * Picks the next token: argmax at temperature 0, else a draw from softmax(logits / temperature) restricted
 * to the top-k tokens and then to the top-p nucleus.
 *
 * @example
 * const next = sampleToken(logits, { temperature: 0.8, topP: 0.95, topK: 40 }, createRandom(42))
 */
export function sampleToken(
  logits: Float32Array,
  parameters: SamplingParameters,
  random: () => number,
): number {
  if (parameters.temperature === 0) return argmax(logits)
  let order = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]! || a - b)
  if (parameters.topK > 0) order = order.slice(0, parameters.topK)
  const max = logits[order[0]!]!
  const weights = order.map((i) => Math.exp((logits[i]! - max) / parameters.temperature))
  const total = weights.reduce((a, b) => a + b, 0)
  let keep = order.length
  if (parameters.topP < 1) {
    let cumulative = 0
    for (let i = 0; i < order.length; i++) {
      cumulative += weights[i]! / total
      if (cumulative >= parameters.topP) {
        keep = i + 1
        break
      }
    }
  }
  const kept = weights.slice(0, keep).reduce((a, b) => a + b, 0)
  let draw = random() * kept
  for (let i = 0; i < keep; i++) {
    draw -= weights[i]!
    if (draw < 0) return order[i]!
  }
  return order[keep - 1]!
}
