import {
  classifierWeight,
  type LlamaWeights,
  type LoraModule,
  linearWeight,
  loraModuleShape,
} from '@openledger/lora-host'
import { add, mul, neg, scale } from '../autodiff/elementwise.js'
import { matmul } from '../autodiff/matmul.js'
import { gatherRows, logSoftmax, pickLast } from '../autodiff/nn.js'
import { reduceSum } from '../autodiff/reduce.js'
import { reshape, transpose } from '../autodiff/shape.js'
import { type FloatType, Tape, type Value } from '../autodiff/Tape.js'
import { applyRope, attention, repeatKv, rmsNorm, ropeConstants, splitHeads, swiglu } from './llamaLayers.js'

export type TrainingGraphOptions = {
  /** Rows per step. */
  batch: number
  /** Tokens per row. Rows are padded at the end to it: causal attention keeps real positions from seeing
   * the padding, and `loss_weights` is 0 there. */
  seqLen: number
  rank: number
  /** LoRA alpha: the update is scaled by alpha / rank, as PEFT does. */
  alpha: number
  modules: readonly LoraModule[]
  /** float to train; double to check gradients. */
  type?: FloatType
}

/** The training graph's inputs and outputs, by name. */
export const trainingNames = {
  inputIds: 'input_ids', // int64 [B, S]
  targets: 'targets', // int64 [B, S, 1]: the next token at each position
  lossWeights: 'loss_weights', // float [B, S]: each position's weight in the loss (mask / Σ mask)
  loraA: (layer: number, module: LoraModule) => `lora_a_${layer}_${module}`, // [in, rank]
  loraB: (layer: number, module: LoraModule) => `lora_b_${layer}_${module}`, // [rank, out]
  loss: 'loss', // scalar: −Σ weights ⊙ log p(target)
  tokenLosses: 'token_losses', // [B, S]: −log p(target) at each position
  gradA: (layer: number, module: LoraModule) => `grad_a_${layer}_${module}`,
  gradB: (layer: number, module: LoraModule) => `grad_b_${layer}_${module}`,
} as const

/** The LoRA parameters the graph takes, in a fixed order: every layer, every module, A then B. */
export function loraParameters(
  weights: LlamaWeights,
  options: Pick<TrainingGraphOptions, 'modules' | 'rank'>,
) {
  const { config } = weights
  return Array.from({ length: config.nLayers }, (_, layer) =>
    options.modules.map((module) => {
      const shape = loraModuleShape(config, module)
      return { layer, module, a: [shape.in, options.rank], b: [options.rank, shape.out] }
    }),
  ).flat()
}

/**
 * The training graph of a Llama model with LoRA on `modules`: the frozen base as constants, the LoRA matrices
 * as inputs, the causal-LM loss over weighted positions, and — by reverse-mode differentiation on the tape —
 * the loss's gradient with respect to every LoRA matrix, all in one ONNX graph for onnxruntime.
 *
 * @example
 * const bytes = buildTrainingGraph(model.weights, { batch: 16, seqLen: 128, rank: 8, alpha: 16, modules: ['q_proj', 'v_proj'] })
 */
export function buildTrainingGraph(weights: LlamaWeights, options: TrainingGraphOptions): Uint8Array {
  const { config } = weights
  const { batch: b, seqLen: s, rank, alpha, modules } = options
  const n = trainingNames
  const tape = new Tape(options.type ?? 'float')
  const ids = tape.input(n.inputIds, [b, s], { type: 'int64' })
  const targets = tape.input(n.targets, [b, s, 1], { type: 'int64' })
  const lossWeights = tape.input(n.lossWeights, [b, s])
  const causal = Float64Array.from({ length: s * s }, (_, i) => (i % s <= Math.floor(i / s) ? 0 : -1e9))
  const bias = tape.constant(causal, [1, 1, s, s], 'causal_bias')
  const params = new Map<string, [Value, Value]>()
  const rope = ropeConstants(tape, config, s)

  let x = gatherRows(
    tape,
    tape.constant(weights.tokenEmbedding, [config.vocabSize, config.dim], 'embedding'),
    ids,
  )
  for (let layer = 0; layer < config.nLayers; layer++) {
    const w = weights.layers[layer]!
    const linear = (input: Value, module: LoraModule) => {
      const shape = linearWeight(weights, layer, module)
      const base = matmul(
        tape,
        input,
        tape.constant(shape.data, [shape.in, shape.out], `l${layer}_${module}`),
      )
      if (!modules.includes(module)) return base
      const a = tape.input(n.loraA(layer, module), [shape.in, rank], { grad: true })
      const bMatrix = tape.input(n.loraB(layer, module), [rank, shape.out], { grad: true })
      params.set(`${layer} ${module}`, [a, bMatrix])
      return add(tape, base, scale(tape, matmul(tape, matmul(tape, input, a), bMatrix), alpha / rank))
    }
    const h = rmsNorm(tape, x, tape.constant(w.attnNorm, [config.dim]), config.normEps)
    const q = applyRope(
      tape,
      splitHeads(tape, linear(h, 'q_proj'), config.nHeads, config.headDim),
      rope,
      config,
    )
    const k = applyRope(
      tape,
      splitHeads(tape, linear(h, 'k_proj'), config.nKvHeads, config.headDim),
      rope,
      config,
    )
    const v = splitHeads(tape, linear(h, 'v_proj'), config.nKvHeads, config.headDim)
    const group = config.nHeads / config.nKvHeads
    const attended = attention(
      tape,
      q,
      repeatKv(tape, k, group),
      repeatKv(tape, v, group),
      bias,
      config.headDim,
    )
    const merged = reshape(tape, transpose(tape, attended, [0, 2, 1, 3]), [
      b,
      s,
      config.nHeads * config.headDim,
    ])
    x = add(tape, x, linear(merged, 'o_proj'))
    const h2 = rmsNorm(tape, x, tape.constant(w.ffnNorm, [config.dim]), config.normEps)
    x = add(tape, x, linear(swiglu(tape, linear(h2, 'gate_proj'), linear(h2, 'up_proj')), 'down_proj'))
  }
  const hidden = rmsNorm(tape, x, tape.constant(weights.finalNorm, [config.dim]), config.normEps)
  const classifier = tape.constant(classifierWeight(weights), [config.dim, config.vocabSize], 'classifier')
  const logits = matmul(tape, hidden, classifier)
  const picked = reshape(tape, pickLast(tape, logSoftmax(tape, logits), targets), [b, s])
  const tokenLosses = neg(tape, picked)
  const loss = reduceSum(tape, mul(tape, tokenLosses, lossWeights))

  const order = loraParameters(weights, options)
  const grads = tape.gradients(
    loss,
    order.flatMap((p) => params.get(`${p.layer} ${p.module}`)!),
  )
  tape.output(loss, n.loss)
  tape.output(tokenLosses, n.tokenLosses)
  for (const [i, p] of order.entries()) {
    tape.output(grads[2 * i]!, n.gradA(p.layer, p.module))
    tape.output(grads[2 * i + 1]!, n.gradB(p.layer, p.module))
  }
  return tape.encode('llama_lora_training')
}
