import type { LoraModule } from '../model/types.js'

const attention = new Set<LoraModule>(['q_proj', 'k_proj', 'v_proj', 'o_proj'])

/**
 * The tensor name PEFT's `save_pretrained` writes for one LoRA matrix of a Llama model.
 *
 * @example
 * peftKey(3, 'gate_proj', 'B') // 'base_model.model.model.layers.3.mlp.gate_proj.lora_B.weight'
 */
export function peftKey(layer: number, module: LoraModule, matrix: 'A' | 'B'): string {
  const block = attention.has(module) ? 'self_attn' : 'mlp'
  return `base_model.model.model.layers.${layer}.${block}.${module}.lora_${matrix}.weight`
}
