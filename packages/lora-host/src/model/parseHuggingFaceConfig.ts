import { z } from 'zod'
import { ModelFormatError } from './errors.js'
import type { LlamaConfig } from './types.js'

const positive = z.number().int().positive()
const tokenIds = z.union([z.number().int().nonnegative(), z.array(z.number().int().nonnegative())]).nullish()

const schema = z.object({
  model_type: z
    .literal('llama', { error: 'only Llama models (model_type "llama") are supported' })
    .optional(),
  hidden_size: positive,
  intermediate_size: positive,
  num_hidden_layers: positive,
  num_attention_heads: positive,
  num_key_value_heads: positive.optional(),
  head_dim: positive.optional(),
  vocab_size: positive,
  max_position_embeddings: positive.default(2048),
  rms_norm_eps: z.number().positive().default(1e-6),
  rope_theta: z.number().positive().default(10000),
  rope_scaling: z.null({ error: 'RoPE scaling is not supported (expected null)' }).optional(),
  tie_word_embeddings: z.boolean().default(false),
  hidden_act: z.literal('silu', { error: 'only SwiGLU ("silu") is supported' }).optional(),
  attention_bias: z.literal(false, { error: 'attention biases are not supported' }).optional(),
  mlp_bias: z.literal(false, { error: 'MLP biases are not supported' }).optional(),
  bos_token_id: tokenIds,
  eos_token_id: tokenIds,
})

export type HuggingFaceConfig = {
  config: LlamaConfig
  /** From config.json, when it names them (the first, when it lists several). */
  bos: number | undefined
  eos: number | undefined
}

/**
 * Validates a Hugging Face `config.json` of a LlamaForCausalLM (HF defaults for num_key_value_heads,
 * max_position_embeddings, rms_norm_eps, rope_theta, tie_word_embeddings) and turns it into a
 * `LlamaConfig` with RoPE over halves. Unsupported features (rope_scaling, biases, another activation)
 * and inconsistent sizes are a `ModelFormatError` naming the field.
 *
 * @example
 * const { config } = parseHuggingFaceConfig(JSON.parse(readFileSync('config.json', 'utf8')), 'config.json')
 */
export function parseHuggingFaceConfig(json: unknown, source = 'config.json'): HuggingFaceConfig {
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const reasons = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
    throw new ModelFormatError(source, reasons.join('; '))
  }
  const c = parsed.data
  const nKvHeads = c.num_key_value_heads ?? c.num_attention_heads
  const fail = (reason: string) => {
    throw new ModelFormatError(source, reason)
  }
  if (c.hidden_size % c.num_attention_heads !== 0) {
    fail(`hidden_size ${c.hidden_size} is not divisible by num_attention_heads ${c.num_attention_heads}`)
  }
  const headDim = c.hidden_size / c.num_attention_heads
  if (c.head_dim !== undefined && c.head_dim !== headDim) {
    fail(`head_dim ${c.head_dim} differs from hidden_size / num_attention_heads = ${headDim}`)
  }
  if (headDim % 2 !== 0) fail(`the head size ${headDim} is odd; RoPE needs pairs`)
  if (c.num_attention_heads % nKvHeads !== 0) {
    fail(`num_attention_heads ${c.num_attention_heads} is not divisible by num_key_value_heads ${nKvHeads}`)
  }
  const config: LlamaConfig = {
    dim: c.hidden_size,
    hiddenDim: c.intermediate_size,
    nLayers: c.num_hidden_layers,
    nHeads: c.num_attention_heads,
    nKvHeads,
    headDim,
    vocabSize: c.vocab_size,
    maxSeqLen: c.max_position_embeddings,
    normEps: c.rms_norm_eps,
    ropeTheta: c.rope_theta,
    ropeStyle: 'halves',
    tiedEmbeddings: c.tie_word_embeddings,
  }
  return { config, bos: firstId(c.bos_token_id), eos: firstId(c.eos_token_id) }
}

function firstId(value: number | number[] | null | undefined): number | undefined {
  return Array.isArray(value) ? value[0] : (value ?? undefined)
}
