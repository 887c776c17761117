import type { LlamaWeights, LoraWeights } from '../model/types.js'
import { referenceForward } from '../reference/referenceForward.js'

/**
 * The float64 reference's next-token losses for a sequence: −log p(tokens[i + 1]) at each position i, from
 * `referenceForward`'s logits (with `lora` merged). What a training graph's per-token losses are held to.
 *
 * @example
 * const expected = referenceTokenLosses(model.weights, tokens) // tokens.length − 1 values
 */
export function referenceTokenLosses(
  weights: LlamaWeights,
  tokens: readonly number[],
  lora?: LoraWeights,
): number[] {
  const logits = referenceForward(weights, tokens, lora)
  return tokens.slice(1).map((target, i) => {
    const row = logits[i]!
    const max = Math.max(...row)
    const logSum = Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0)) + max
    return logSum - row[target]!
  })
}
