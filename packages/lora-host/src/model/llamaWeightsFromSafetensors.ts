import type { SafetensorsTensor } from '../safetensors/safetensors.js'
import { ModelFormatError } from './errors.js'
import type { LlamaConfig, LlamaLayerWeights, LlamaWeights } from './types.js'

/**
 * Picks a Llama's weights out of Hugging Face tensors (`model.embed_tokens.weight`,
 * `model.layers.N.self_attn.q_proj.weight`, …, `model.norm.weight`, `lm_head.weight` unless tied),
 * checking each shape against the config. A missing or mis-shaped tensor is a `ModelFormatError`
 * naming it; tensors it does not use (e.g. rotary caches) are ignored.
 *
 * @example
 * const weights = llamaWeightsFromSafetensors(readSafetensors(bytes), config, 'model.safetensors')
 */
export function llamaWeightsFromSafetensors(
  tensors: ReadonlyMap<string, SafetensorsTensor>,
  config: LlamaConfig,
  source = 'model.safetensors',
): LlamaWeights {
  const take = (name: string, shape: number[]) => {
    const tensor = tensors.get(name)
    if (!tensor) throw new ModelFormatError(source, `tensor ${name} is missing`)
    if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
      throw new ModelFormatError(
        source,
        `tensor ${name} has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}] for this config`,
      )
    }
    return tensor.data
  }
  const { dim, hiddenDim, vocabSize } = config
  const q = config.nHeads * config.headDim
  const kv = config.nKvHeads * config.headDim
  const tokenEmbedding = take('model.embed_tokens.weight', [vocabSize, dim])
  const layers = Array.from({ length: config.nLayers }, (_, l): LlamaLayerWeights => {
    const p = `model.layers.${l}.`
    return {
      attnNorm: take(`${p}input_layernorm.weight`, [dim]),
      wq: take(`${p}self_attn.q_proj.weight`, [q, dim]),
      wk: take(`${p}self_attn.k_proj.weight`, [kv, dim]),
      wv: take(`${p}self_attn.v_proj.weight`, [kv, dim]),
      wo: take(`${p}self_attn.o_proj.weight`, [dim, q]),
      ffnNorm: take(`${p}post_attention_layernorm.weight`, [dim]),
      w1: take(`${p}mlp.gate_proj.weight`, [hiddenDim, dim]),
      w2: take(`${p}mlp.down_proj.weight`, [dim, hiddenDim]),
      w3: take(`${p}mlp.up_proj.weight`, [hiddenDim, dim]),
    }
  })
  const extra = `model.layers.${config.nLayers}.`
  const extraName = [...tensors.keys()].find((name) => name.startsWith(extra))
  if (extraName) {
    throw new ModelFormatError(
      source,
      `tensor ${extraName} is beyond the config's num_hidden_layers ${config.nLayers}`,
    )
  }
  const finalNorm = take('model.norm.weight', [dim])
  const classifier = config.tiedEmbeddings ? tokenEmbedding : take('lm_head.weight', [vocabSize, dim])
  return { config, tokenEmbedding, layers, finalNorm, classifier }
}
