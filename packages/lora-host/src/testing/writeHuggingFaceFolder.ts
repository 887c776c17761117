import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { llamaWeightsFromSafetensors } from '../model/llamaWeightsFromSafetensors.js'
import type { LlamaConfig, LlamaWeights } from '../model/types.js'
import { readSafetensors, type SafetensorsDtype, writeSafetensors } from '../safetensors/safetensors.js'
import { buildTestTokenizerJson } from './buildTestTokenizerJson.js'
import { huggingFaceTensorsOf } from './huggingFaceTensorsOf.js'
import { randomLlamaWeights } from './randomLlamaWeights.js'

export type WriteHuggingFaceFolderParameters = {
  /** The shape; nKvHeads defaults to nHeads, vocabSize to 384, maxSeqLen 256, normEps 1e-6, ropeTheta 10000. */
  config: Pick<LlamaConfig, 'dim' | 'hiddenDim' | 'nLayers' | 'nHeads'> &
    Partial<Pick<LlamaConfig, 'nKvHeads' | 'vocabSize' | 'maxSeqLen' | 'normEps' | 'ropeTheta'>>
  seed: number
  dtype: SafetensorsDtype
  tied: boolean
  /** Spread of the random matrices (uniform in ±scale); 0.05 keeps logits sane. Norm weights are 1 ± 0.1. */
  scale?: number
}

/**
 * Writes a random Llama as a Hugging Face folder — model.safetensors in `dtype`, config.json, a
 * Llama-style tokenizer.json and tokenizer_config.json — and returns the weights exactly as a loader will
 * read them back (float32 after the dtype's rounding).
 *
 * @example
 * const weights = writeHuggingFaceFolder(dir, { config: { dim: 32, hiddenDim: 64, nLayers: 2, nHeads: 4 }, seed: 1, dtype: 'F16', tied: false })
 */
export function writeHuggingFaceFolder(
  dir: string,
  parameters: WriteHuggingFaceFolderParameters,
): LlamaWeights {
  const c = parameters.config
  const config: LlamaConfig = {
    dim: c.dim,
    hiddenDim: c.hiddenDim,
    nLayers: c.nLayers,
    nHeads: c.nHeads,
    nKvHeads: c.nKvHeads ?? c.nHeads,
    headDim: c.dim / c.nHeads,
    vocabSize: c.vocabSize ?? 384,
    maxSeqLen: c.maxSeqLen ?? 256,
    normEps: c.normEps ?? 1e-6,
    ropeTheta: c.ropeTheta ?? 10000,
    ropeStyle: 'halves',
    tiedEmbeddings: parameters.tied,
  }
  const written = randomLlamaWeights(config, { seed: parameters.seed, scale: parameters.scale })
  const bytes = writeSafetensors(huggingFaceTensorsOf(written), parameters.dtype, { format: 'pt' })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'model.safetensors'), bytes)
  writeJson(join(dir, 'config.json'), huggingFaceConfigJson(config, parameters.dtype))
  writeJson(join(dir, 'tokenizer.json'), buildTestTokenizerJson(config.vocabSize))
  writeJson(join(dir, 'tokenizer_config.json'), {
    bos_token: '<s>',
    eos_token: '</s>',
    unk_token: '<unk>',
    add_bos_token: true,
    add_eos_token: false,
    clean_up_tokenization_spaces: false,
    model_max_length: config.maxSeqLen,
    tokenizer_class: 'LlamaTokenizer',
  })
  return llamaWeightsFromSafetensors(readSafetensors(bytes), config)
}

/** config.json as transformers writes it for a LlamaForCausalLM. */
function huggingFaceConfigJson(config: LlamaConfig, dtype: SafetensorsDtype): object {
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_size: config.dim,
    intermediate_size: config.hiddenDim,
    num_hidden_layers: config.nLayers,
    num_attention_heads: config.nHeads,
    num_key_value_heads: config.nKvHeads,
    head_dim: config.headDim,
    vocab_size: config.vocabSize,
    max_position_embeddings: config.maxSeqLen,
    rms_norm_eps: config.normEps,
    rope_theta: config.ropeTheta,
    rope_scaling: null,
    tie_word_embeddings: config.tiedEmbeddings,
    hidden_act: 'silu',
    attention_bias: false,
    mlp_bias: false,
    bos_token_id: 1,
    eos_token_id: 2,
    torch_dtype: { F32: 'float32', F16: 'float16', BF16: 'bfloat16' }[dtype],
  }
}

function writeJson(path: string, value: object): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}
