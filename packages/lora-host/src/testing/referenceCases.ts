import { join } from 'node:path'
import { loadLlama2c } from '../model/loadLlama2c.js'
import type { LlamaConfig, LlamaWeights } from '../model/types.js'
import { randomLlamaWeights } from './randomLlamaWeights.js'
import { stories260KDir } from './sharedModels.js'
import { smallLlamaConfig } from './smallLlamaConfig.js'

/** A model and token prompts (BOS first) that a Llama forward is held to the float64 reference on. */
export type ReferenceCase = { name: string; weights: LlamaWeights; prompts: number[][] }

/** Hugging Face's layout with Llama 3's θ. */
const randomConfig: LlamaConfig = { ...smallLlamaConfig, ropeTheta: 500000 }

/**
 * The cases every Llama forward in the tree (lora-host's serving graph, ModelFactory's training graph) is
 * checked on against the one float64 reference (`referenceForward`): stories260K (llama2.c's layout:
 * RoPE on interleaved pairs, the classifier tied to the embedding, 4 kv heads for 8) and a seeded random
 * Llama in Hugging Face's layout (RoPE over halves, θ = 500000, a separate classifier, 2 kv heads for 4),
 * three prompts of different lengths each.
 *
 * @example
 * for (const { name, weights, prompts } of referenceCases()) {
 *   const expected = prompts.map((tokens) => referenceForward(weights, tokens))
 * }
 */
export function referenceCases(): ReferenceCase[] {
  const stories = loadLlama2c({
    checkpoint: join(stories260KDir, 'stories260K.bin'),
    tokenizer: join(stories260KDir, 'tok512.bin'),
  })
  const storyPrompts = [
    'Once upon a time, there was a little dog named Max.',
    'Lily saw a big red ball in the park',
    'Tom and Sue went to the shop to buy milk.',
  ].map((text) => stories.tokenizer.encode(text, { bos: true }))
  return [
    { name: 'stories260K', weights: stories.weights, prompts: storyPrompts },
    {
      name: 'random Llama, Hugging Face layout',
      weights: randomLlamaWeights(randomConfig, { seed: 3, scale: 0.3 }),
      prompts: [
        [1, 7, 22, 5, 39, 0],
        [1, 30, 2],
        [1, 12, 12, 12, 8, 33, 17, 4, 25, 9, 31, 2],
      ],
    },
  ]
}
