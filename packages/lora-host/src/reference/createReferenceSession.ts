import { type RopeTables, ropeTables } from '../model/ropeTables.js'
import type { LlamaConfig, LlamaWeights, LoraWeights } from '../model/types.js'
import { ReferenceInputError } from './errors.js'
import { type Float64Weights, mergeLoraFloat64 } from './mergeLoraFloat64.js'

/** A float64 decoding session: feed tokens one at a time, get each position's logits. */
export type ReferenceSession = {
  /** Runs `token` at the next position (appending its keys and values to the cache); returns its logits. */
  step: (token: number) => Float64Array
  /** How many tokens have been run. */
  readonly position: number
}

/**
 * The plain float64 Llama forward used as the oracle for the ONNX graph: RMSNorm, RoPE (interleaved pairs
 * or halves, by `config.ropeStyle`), grouped-query attention over a KV cache, SwiGLU, the classifier.
 * A LoRA adapter is merged into float64 copies of the weights first.
 *
 * @example
 * const session = createReferenceSession(model.weights)
 * const logits = session.step(model.tokenizer.bos)
 */
export function createReferenceSession(weights: LlamaWeights, lora?: LoraWeights): ReferenceSession {
  const c = weights.config
  const w = mergeLoraFloat64(weights, lora)
  const kvDim = c.nKvHeads * c.headDim
  const keys: Float64Array[][] = w.layers.map(() => [])
  const values: Float64Array[][] = w.layers.map(() => [])
  let position = 0
  let rope = ropeTables(c, c.maxSeqLen)
  return {
    get position() {
      return position
    },
    step(token) {
      if (!Number.isInteger(token) || token < 0 || token >= c.vocabSize) {
        throw new ReferenceInputError(`token ${token} is outside the vocabulary (${c.vocabSize})`)
      }
      if (position >= rope.positions) rope = ropeTables(c, 2 * position + 1)
      const logits = forwardOne(c, w, { keys, values, rope }, kvDim, token, position)
      position++
      return logits
    },
  }
}

/** The session's state: each layer's cached keys and values, and the RoPE tables. */
type SessionState = { keys: Float64Array[][]; values: Float64Array[][]; rope: RopeTables }

function forwardOne(
  c: LlamaConfig,
  w: Float64Weights,
  { keys, values, rope: tables }: SessionState,
  kvDim: number,
  token: number,
  pos: number,
): Float64Array {
  const x = w.tokenEmbedding.slice(token * c.dim, (token + 1) * c.dim)
  w.layers.forEach((layer, l) => {
    const h = rmsNorm(x, layer.attnNorm, c.normEps)
    const q = matVec(layer.wq, h, c.nHeads * c.headDim)
    const k = matVec(layer.wk, h, kvDim)
    rope(q, pos, c, tables)
    rope(k, pos, c, tables)
    keys[l]!.push(k)
    values[l]!.push(matVec(layer.wv, h, kvDim))
    const attended = attention(q, keys[l]!, values[l]!, c)
    addInto(x, matVec(layer.wo, attended, c.dim))
    const f = rmsNorm(x, layer.ffnNorm, c.normEps)
    const gate = matVec(layer.w1, f, c.hiddenDim)
    const up = matVec(layer.w3, f, c.hiddenDim)
    const act = gate.map((g, i) => (g / (1 + Math.exp(-g))) * up[i]!)
    addInto(x, matVec(layer.w2, act, c.dim))
  })
  return matVec(w.classifier, rmsNorm(x, w.finalNorm, c.normEps), c.vocabSize)
}

function attention(
  q: Float64Array,
  keys: Float64Array[],
  values: Float64Array[],
  c: LlamaConfig,
): Float64Array {
  const out = new Float64Array(c.nHeads * c.headDim)
  const group = c.nHeads / c.nKvHeads
  for (let head = 0; head < c.nHeads; head++) {
    const qOff = head * c.headDim
    const kvOff = Math.floor(head / group) * c.headDim
    const scores = keys.map((key) => {
      let dot = 0
      for (let i = 0; i < c.headDim; i++) dot += q[qOff + i]! * key[kvOff + i]!
      return dot / Math.sqrt(c.headDim)
    })
    const max = Math.max(...scores)
    const exps = scores.map((s) => Math.exp(s - max))
    const sum = exps.reduce((a, b) => a + b, 0)
    values.forEach((value, t) => {
      const p = exps[t]! / sum
      for (let i = 0; i < c.headDim; i++) out[qOff + i]! += p * value[kvOff + i]!
    })
  }
  return out
}

/** Rotates each head's vector by position: pairs (2j, 2j+1) for 'interleaved', (j, j+d/2) for 'halves'. */
function rope(v: Float64Array, pos: number, c: LlamaConfig, tables: RopeTables): void {
  const half = c.headDim / 2
  for (let base = 0; base < v.length; base += c.headDim) {
    for (let j = 0; j < half; j++) {
      const cos = tables.cos[pos * half + j]!
      const sin = tables.sin[pos * half + j]!
      const [i0, i1] =
        c.ropeStyle === 'interleaved' ? [base + 2 * j, base + 2 * j + 1] : [base + j, base + j + half]
      const a = v[i0]!
      const b = v[i1]!
      v[i0] = a * cos - b * sin
      v[i1] = a * sin + b * cos
    }
  }
}

function rmsNorm(x: Float64Array, weight: Float64Array, eps: number): Float64Array {
  let ss = 0
  for (const v of x) ss += v * v
  const scale = 1 / Math.sqrt(ss / x.length + eps)
  return x.map((v, i) => v * scale * weight[i]!)
}

/** W [rows, x.length] row-major, times x. */
function matVec(w: Float64Array, x: Float64Array, rows: number): Float64Array {
  const n = x.length
  const out = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += w[r * n + i]! * x[i]!
    out[r] = sum
  }
  return out
}

function addInto(x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! + y[i]!
}
