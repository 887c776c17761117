import type { LlamaWeights, LoraWeights } from '../model/types.js'
import { createReferenceSession } from './createReferenceSession.js'
import { ReferenceInputError } from './errors.js'

/** Token 2, EOS of llama2.c and of Llama tokenizers. */
const DEFAULT_STOP = [2]

/**
 * Greedy decoding (argmax, the lowest id on ties) with the float64 reference: runs the prompt, then picks
 * up to `maxNewTokens` tokens, stopping after a stop token (EOS = 2 unless `options.stop` says otherwise;
 * llama2.c's `run` stops on BOS = 1 instead). Returns the new tokens, the stop token included.
 *
 * @example
 * const ids = referenceGreedy(model.weights, [model.tokenizer.bos], 64)
 * model.tokenizer.decode(ids) // 'Once upon a time, …'
 */
export function referenceGreedy(
  weights: LlamaWeights,
  prompt: readonly number[],
  maxNewTokens: number,
  lora?: LoraWeights,
  options: { stop?: readonly number[] } = {},
): number[] {
  if (prompt.length === 0)
    throw new ReferenceInputError('greedy decoding needs a prompt of at least one token')
  const stop = options.stop ?? DEFAULT_STOP
  const session = createReferenceSession(weights, lora)
  let logits: Float64Array = new Float64Array(0)
  for (const token of prompt) logits = session.step(token)
  const generated: number[] = []
  while (generated.length < maxNewTokens) {
    const next = argmax(logits)
    generated.push(next)
    if (stop.includes(next) || generated.length === maxNewTokens) break
    logits = session.step(next)
  }
  return generated
}

function argmax(values: Float64Array): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i
  return best
}
