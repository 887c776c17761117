import { type LlamaConfig, ropeTables } from '@openledger/lora-host'
import { add, mul, reciprocal, scale, sigmoid, sqrt, sub } from '../autodiff/elementwise.js'
import { matmul } from '../autodiff/matmul.js'
import { softmax } from '../autodiff/nn.js'
import { reduceMean } from '../autodiff/reduce.js'
import { concat, expand, reshape, split, transpose } from '../autodiff/shape.js'
import type { Tape, Value } from '../autodiff/Tape.js'

/** x / rms(x) · weight over the last axis. */
export function rmsNorm(tape: Tape, x: Value, weight: Value, eps: number): Value {
  const meanSquare = reduceMean(tape, mul(tape, x, x), [-1], true)
  const inverse = reciprocal(tape, sqrt(tape, add(tape, meanSquare, tape.scalar(eps))))
  return mul(tape, mul(tape, x, inverse), weight)
}

/** The shared RoPE tables (lora-host's `ropeTables`) for positions 0..S−1 as constants [1, 1, S, headDim/2]. */
export function ropeConstants(tape: Tape, config: LlamaConfig, seqLen: number): { cos: Value; sin: Value } {
  const { half, cos, sin } = ropeTables(config, seqLen)
  return {
    cos: tape.constant(cos, [1, 1, seqLen, half], 'rope_cos'),
    sin: tape.constant(sin, [1, 1, seqLen, half], 'rope_sin'),
  }
}

/** Rotates [B, heads, S, headDim] by each position's angles, pairing dimensions as the checkpoint does. */
export function applyRope(
  tape: Tape,
  t: Value,
  rope: { cos: Value; sin: Value },
  config: LlamaConfig,
): Value {
  const half = config.headDim / 2
  const [b, h, s] = t.shape as [number, number, number, number]
  if (config.ropeStyle === 'halves') {
    const [x1, x2] = split(tape, t, [half, half], -1) as [Value, Value]
    const first = sub(tape, mul(tape, x1, rope.cos), mul(tape, x2, rope.sin))
    const second = add(tape, mul(tape, x2, rope.cos), mul(tape, x1, rope.sin))
    return concat(tape, [first, second], -1)
  }
  const pairs = reshape(tape, t, [b, h, s, half, 2])
  const [x0, x1] = split(tape, pairs, [1, 1], -1) as [Value, Value]
  const c = reshape(tape, rope.cos, [1, 1, s, half, 1])
  const sn = reshape(tape, rope.sin, [1, 1, s, half, 1])
  const out0 = sub(tape, mul(tape, x0, c), mul(tape, x1, sn))
  const out1 = add(tape, mul(tape, x0, sn), mul(tape, x1, c))
  return reshape(tape, concat(tape, [out0, out1], -1), [b, h, s, config.headDim])
}

/** [B, S, heads·headDim] → [B, heads, S, headDim]. */
export function splitHeads(tape: Tape, x: Value, heads: number, headDim: number): Value {
  const [b, s] = x.shape as [number, number, number]
  return transpose(tape, reshape(tape, x, [b, s, heads, headDim]), [0, 2, 1, 3])
}

/** [B, kvHeads, S, hd] → [B, heads, S, hd]: query head h reads kv head ⌊h / group⌋. */
export function repeatKv(tape: Tape, x: Value, group: number): Value {
  if (group === 1) return x
  const [b, kv, s, hd] = x.shape as [number, number, number, number]
  const expanded = expand(tape, reshape(tape, x, [b, kv, 1, s, hd]), [b, kv, group, s, hd])
  return reshape(tape, expanded, [b, kv * group, s, hd])
}

/** Causal self-attention of [B, heads, S, hd] queries over keys and values, with an additive bias. */
export function attention(tape: Tape, q: Value, k: Value, v: Value, bias: Value, headDim: number): Value {
  const scores = scale(tape, matmul(tape, q, transpose(tape, k, [0, 1, 3, 2])), 1 / Math.sqrt(headDim))
  const probabilities = softmax(tape, add(tape, scores, bias), -1)
  return matmul(tape, probabilities, v)
}

/** SwiGLU: silu(gate) ⊙ up. */
export function swiglu(tape: Tape, gate: Value, up: Value): Value {
  return mul(tape, mul(tape, gate, sigmoid(tape, gate)), up)
}
