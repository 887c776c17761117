import type { LlamaWeights } from '../model/types.js'

/**
 * The Hugging Face tensors of a Llama (names and [out, in] shapes as transformers saves them), ready for
 * `writeSafetensors`; `lm_head.weight` only when the classifier is not tied. The inverse of
 * `llamaWeightsFromSafetensors`.
 *
 * @example
 * writeFileSync('model.safetensors', writeSafetensors(huggingFaceTensorsOf(weights), 'F16'))
 */
export function huggingFaceTensorsOf(
  weights: LlamaWeights,
): Record<string, { shape: number[]; data: Float32Array }> {
  const c = weights.config
  const q = c.nHeads * c.headDim
  const kv = c.nKvHeads * c.headDim
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {
    'model.embed_tokens.weight': { shape: [c.vocabSize, c.dim], data: weights.tokenEmbedding },
    'model.norm.weight': { shape: [c.dim], data: weights.finalNorm },
  }
  weights.layers.forEach((layer, l) => {
    const p = `model.layers.${l}.`
    tensors[`${p}input_layernorm.weight`] = { shape: [c.dim], data: layer.attnNorm }
    tensors[`${p}self_attn.q_proj.weight`] = { shape: [q, c.dim], data: layer.wq }
    tensors[`${p}self_attn.k_proj.weight`] = { shape: [kv, c.dim], data: layer.wk }
    tensors[`${p}self_attn.v_proj.weight`] = { shape: [kv, c.dim], data: layer.wv }
    tensors[`${p}self_attn.o_proj.weight`] = { shape: [c.dim, q], data: layer.wo }
    tensors[`${p}post_attention_layernorm.weight`] = { shape: [c.dim], data: layer.ffnNorm }
    tensors[`${p}mlp.gate_proj.weight`] = { shape: [c.hiddenDim, c.dim], data: layer.w1 }
    tensors[`${p}mlp.up_proj.weight`] = { shape: [c.hiddenDim, c.dim], data: layer.w3 }
    tensors[`${p}mlp.down_proj.weight`] = { shape: [c.dim, c.hiddenDim], data: layer.w2 }
  })
  if (!c.tiedEmbeddings) tensors['lm_head.weight'] = { shape: [c.vocabSize, c.dim], data: weights.classifier }
  return tensors
}
