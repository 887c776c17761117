import { classifierWeight } from '../model/classifierWeight.js'
import { linearWeight } from '../model/linearWeight.js'
import { ropeTables } from '../model/ropeTables.js'
import type { LlamaConfig, LlamaWeights, LoraModule } from '../model/types.js'
import { GraphBuilder } from './onnx.js'

export type LlamaGraphOptions = {
  /** LoRA modules the graph adapts (empty: no LoRA inputs). */
  loraModules: readonly LoraModule[]
  /** The host's maximum LoRA rank: the width of the stacked adapter inputs. */
  loraRank: number
}

/**
 * The graph's inputs and outputs, by name. Shapes: B rows, S new tokens per row, T cached positions per row
 * (the cache capacity; invalid positions are masked), N selected positions, slots stacked adapters.
 */
export const graphNames = {
  inputIds: 'input_ids', // int64 [B, S]
  positionIds: 'position_ids', // int64 [B, S]
  attentionBias: 'attention_bias', // float [B, S, T + S]: 0 where a query may attend, -1e9 where not
  adapterIndex: 'adapter_index', // int64 [B]: the slot of each row's adapter (0 = base model)
  outputPositions: 'output_positions', // int64 [N]: flat indices b·S + s whose logits to compute
  pastKey: (layer: number) => `past_key_${layer}`, // float [B, kvHeads, T, headDim]
  pastValue: (layer: number) => `past_value_${layer}`,
  loraA: (layer: number, module: LoraModule) => `lora_a_${layer}_${module}`, // float [slots, in, rank]
  loraB: (layer: number, module: LoraModule) => `lora_b_${layer}_${module}`, // float [slots, rank, out]
  logits: 'logits', // float [N, vocab]
  hidden: 'hidden', // float [B, S, dim]: final normalised hidden states
  newKey: (layer: number) => `new_key_${layer}`, // float [B, kvHeads, S, headDim], RoPE applied
  newValue: (layer: number) => `new_value_${layer}`,
} as const

/**
 * Builds the ONNX graph of a Llama model with its KV cache as inputs and outputs and LoRA adapters as
 * stacked graph inputs selected per row (one run serves rows of different adapters). Embedding, RMSNorm,
 * RoPE (interleaved pairs or halves), grouped-query attention, SwiGLU, tied or separate classifier.
 *
 * @example
 * const bytes = buildLlamaGraph(model.weights, { loraModules: ['q_proj', 'v_proj'], loraRank: 16 })
 * const session = await ort.InferenceSession.create(bytes)
 */
export function buildLlamaGraph(weights: LlamaWeights, options: LlamaGraphOptions): Uint8Array {
  const { config } = weights
  const g = new GraphBuilder()
  const n = graphNames
  g.input(n.inputIds, 'int64', ['B', 'S'])
  g.input(n.positionIds, 'int64', ['B', 'S'])
  g.input(n.attentionBias, 'float', ['B', 'S', 'K'])
  g.input(n.adapterIndex, 'int64', ['B'])
  g.input(n.outputPositions, 'int64', ['N'])

  const embedding = g.weight('token_embedding', [config.vocabSize, config.dim], weights.tokenEmbedding)
  let x = g.op('Gather', [embedding, n.inputIds], { axis: 0 }) // [B, S, dim]
  const rope = ropeInitializers(g, config)
  // Grouped queries are laid out r·S + s (r: head within the group), so the bias repeats once per group
  // member: [B, 1, group·S, T+S], shared by every kv head.
  const group = config.nHeads / config.nKvHeads
  const bias = g.op('Unsqueeze', [g.op('Tile', [n.attentionBias, g.ints([1, group, 1])]), g.ints([1])])
  const cos = g.op('Unsqueeze', [g.op('Gather', [rope.cos, n.positionIds], { axis: 0 }), g.ints([1])]) // [B,1,S,hd/2]
  const sin = g.op('Unsqueeze', [g.op('Gather', [rope.sin, n.positionIds], { axis: 0 }), g.ints([1])])

  for (let layer = 0; layer < config.nLayers; layer++) {
    const w = weights.layers[layer]!
    const linear = (input: string, module: LoraModule) => {
      const shape = linearWeight(weights, layer, module)
      const matrix = g.weight(`l${layer}_${module}`, [shape.in, shape.out], shape.data)
      const base = g.op('MatMul', [input, matrix])
      if (!options.loraModules.includes(module)) return base
      const a = g.input(n.loraA(layer, module), 'float', ['slots', shape.in, options.loraRank])
      const b = g.input(n.loraB(layer, module), 'float', ['slots', options.loraRank, shape.out])
      const down = g.op('MatMul', [input, g.op('Gather', [a, n.adapterIndex], { axis: 0 })]) // [B,S,rank]
      const up = g.op('MatMul', [down, g.op('Gather', [b, n.adapterIndex], { axis: 0 })]) // [B,S,out]
      return g.op('Add', [base, up])
    }

    const h = rmsNorm(g, x, g.weight(`l${layer}_attn_norm`, [config.dim], w.attnNorm), config.normEps)
    const heads = (t: string, count: number) =>
      g.op('Transpose', [g.op('Reshape', [t, g.ints([0, 0, count, config.headDim])])], { perm: [0, 2, 1, 3] })
    const q = applyRope(g, heads(linear(h, 'q_proj'), config.nHeads), cos, sin, config)
    const k = applyRope(g, heads(linear(h, 'k_proj'), config.nKvHeads), cos, sin, config)
    const v = heads(linear(h, 'v_proj'), config.nKvHeads)
    g.op('Identity', [k], {}, n.newKey(layer))
    g.op('Identity', [v], {}, n.newValue(layer))
    g.input(n.pastKey(layer), 'float', ['B', config.nKvHeads, 'T', config.headDim])
    g.input(n.pastValue(layer), 'float', ['B', config.nKvHeads, 'T', config.headDim])
    const keys = g.op('Concat', [n.pastKey(layer), k], { axis: 2 }) // [B,kvh,T+S,hd]
    const values = g.op('Concat', [n.pastValue(layer), v], { axis: 2 })

    // query head h uses kv head floor(h / group): fold each group's heads into the query axis
    const grouped = g.op('Reshape', [q, g.ints([0, config.nKvHeads, -1, config.headDim])]) // [B,kvh,group·S,hd]
    const scores = g.op('Mul', [
      g.op('MatMul', [grouped, g.op('Transpose', [keys], { perm: [0, 1, 3, 2] })]),
      g.scalar(1 / Math.sqrt(config.headDim)),
    ]) // [B,kvh,group·S,T+S]
    const probabilities = g.op('Softmax', [g.op('Add', [scores, bias])], { axis: -1 })
    const attended = g.op('Reshape', [
      g.op('MatMul', [probabilities, values]),
      g.ints([0, config.nHeads, -1, config.headDim]),
    ])
    const merged = g.op('Reshape', [
      g.op('Transpose', [attended], { perm: [0, 2, 1, 3] }),
      g.ints([0, 0, config.nHeads * config.headDim]),
    ])
    x = g.op('Add', [x, linear(merged, 'o_proj')])

    const h2 = rmsNorm(g, x, g.weight(`l${layer}_ffn_norm`, [config.dim], w.ffnNorm), config.normEps)
    const gate = linear(h2, 'gate_proj')
    const activated = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), linear(h2, 'up_proj')])
    x = g.op('Add', [x, linear(activated, 'down_proj')])
  }

  const hidden = rmsNorm(g, x, g.weight('final_norm', [config.dim], weights.finalNorm), config.normEps)
  g.op('Identity', [hidden], {}, n.hidden)
  const flat = g.op('Reshape', [hidden, g.ints([-1, config.dim])])
  const selected = g.op('Gather', [flat, n.outputPositions], { axis: 0 })
  const classifier = g.weight('classifier', [config.dim, config.vocabSize], classifierWeight(weights))
  g.op('MatMul', [selected, classifier], {}, n.logits)

  g.output(n.logits, 'float', ['N', config.vocabSize])
  g.output(n.hidden, 'float', ['B', 'S', config.dim])
  for (let layer = 0; layer < config.nLayers; layer++) {
    g.output(n.newKey(layer), 'float', ['B', config.nKvHeads, 'S', config.headDim])
    g.output(n.newValue(layer), 'float', ['B', config.nKvHeads, 'S', config.headDim])
  }
  return g.encode('llama')
}

function rmsNorm(g: GraphBuilder, x: string, weight: string, eps: number): string {
  const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 })
  const inverse = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [meanSquare, g.scalar(eps, 'eps')])])])
  return g.op('Mul', [g.op('Mul', [x, inverse]), weight])
}

/** The shared RoPE tables for every position up to the context, as float32 initializers [maxSeqLen, hd/2]. */
function ropeInitializers(g: GraphBuilder, config: LlamaConfig) {
  const { half, cos, sin } = ropeTables(config, config.maxSeqLen)
  return {
    cos: g.weight('rope_cos', [config.maxSeqLen, half], Float32Array.from(cos)),
    sin: g.weight('rope_sin', [config.maxSeqLen, half], Float32Array.from(sin)),
  }
}

/** Rotates [B, heads, S, hd] by the per-row positions' angles (cos/sin are [B, 1, S, hd/2]). */
function applyRope(g: GraphBuilder, t: string, cos: string, sin: string, config: LlamaConfig): string {
  const half = config.headDim / 2
  if (config.ropeStyle === 'halves') {
    const [x1, x2] = g.opMulti('Split', [t, g.ints([half, half])], 2, { axis: -1 }) as [string, string]
    const first = g.op('Sub', [g.op('Mul', [x1, cos]), g.op('Mul', [x2, sin])])
    const second = g.op('Add', [g.op('Mul', [x2, cos]), g.op('Mul', [x1, sin])])
    return g.op('Concat', [first, second], { axis: -1 })
  }
  const pairs = g.op('Reshape', [t, g.ints([0, 0, 0, half, 2])])
  const [x0, x1] = g.opMulti('Split', [pairs, g.ints([1, 1])], 2, { axis: -1 }) as [string, string]
  const c = g.op('Unsqueeze', [cos, g.ints([-1])])
  const s = g.op('Unsqueeze', [sin, g.ints([-1])])
  const out0 = g.op('Sub', [g.op('Mul', [x0, c]), g.op('Mul', [x1, s])])
  const out1 = g.op('Add', [g.op('Mul', [x0, s]), g.op('Mul', [x1, c])])
  return g.op('Reshape', [g.op('Concat', [out0, out1], { axis: -1 }), g.ints([0, 0, 0, config.headDim])])
}
