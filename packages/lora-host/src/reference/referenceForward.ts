import type { LlamaWeights, LoraWeights } from '../model/types.js'
import { createReferenceSession } from './createReferenceSession.js'

/**
 * Float64 logits for every position of `tokens` (one forward with a KV cache), with an optional LoRA
 * merged into the weights. The oracle the ONNX graph is checked against.
 *
 * @example
 * const logits = referenceForward(model.weights, model.tokenizer.encode('Once upon', { bos: true }))
 * logits.at(-1)!.length // vocabSize
 */
export function referenceForward(
  weights: LlamaWeights,
  tokens: readonly number[],
  lora?: LoraWeights,
): Float64Array[] {
  const session = createReferenceSession(weights, lora)
  return tokens.map((token) => session.step(token))
}
