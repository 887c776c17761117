import { ModelFormatError } from './errors.js'
import type { LlamaConfig, LlamaLayerWeights, LlamaWeights } from './types.js'

const HEADER_BYTES = 7 * 4
const HEADER_FIELDS = ['dim', 'hidden_dim', 'n_layers', 'n_heads', 'n_kv_heads', 'vocab_size', 'seq_len']

/**
 * Parses a llama2.c checkpoint (run.c's format): 7 int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads,
 * vocab_size — negative when an unshared classifier follows —, seq_len), then float32 tensors, each
 * kind stored for all layers in turn: token_embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3,
 * rms_final, freq_cis real and imag (skipped), [wcls]. The size must match the header exactly.
 *
 * @example
 * const weights = parseLlama2cCheckpoint(readFileSync('stories260K.bin'), 'stories260K.bin')
 */
export function parseLlama2cCheckpoint(bytes: Uint8Array, source = 'checkpoint'): LlamaWeights {
  if (bytes.byteLength < HEADER_BYTES) {
    throw new ModelFormatError(
      source,
      `is ${bytes.byteLength} bytes, shorter than the 28-byte llama2.c header`,
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const header = HEADER_FIELDS.map((_, i) => view.getInt32(i * 4, true))
  const [dim, hiddenDim, nLayers, nHeads, nKvHeads, signedVocab, seqLen] = header as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  HEADER_FIELDS.forEach((field, i) => {
    const value = field === 'vocab_size' ? Math.abs(header[i]!) : header[i]!
    if (value <= 0)
      throw new ModelFormatError(source, `header ${field} is ${header[i]}, expected a positive number`)
  })
  if (dim % nHeads !== 0)
    throw new ModelFormatError(source, `dim ${dim} is not divisible by n_heads ${nHeads}`)
  if (nHeads % nKvHeads !== 0) {
    throw new ModelFormatError(source, `n_heads ${nHeads} is not divisible by n_kv_heads ${nKvHeads}`)
  }
  const headDim = dim / nHeads
  if (headDim % 2 !== 0) throw new ModelFormatError(source, `head size ${headDim} is odd; RoPE needs pairs`)
  const config: LlamaConfig = {
    dim,
    hiddenDim,
    nLayers,
    nHeads,
    nKvHeads,
    headDim,
    vocabSize: Math.abs(signedVocab),
    maxSeqLen: seqLen,
    normEps: 1e-5,
    ropeTheta: 10000,
    ropeStyle: 'interleaved',
    tiedEmbeddings: signedVocab > 0,
  }
  const kvDim = nKvHeads * headDim
  const floats =
    config.vocabSize * dim * (config.tiedEmbeddings ? 1 : 2) +
    nLayers * (2 * dim + 2 * dim * dim + 2 * dim * kvDim + 3 * dim * hiddenDim) +
    dim +
    seqLen * headDim
  const expected = HEADER_BYTES + floats * 4
  if (bytes.byteLength !== expected) {
    throw new ModelFormatError(
      source,
      `is ${bytes.byteLength} bytes but its header (${HEADER_FIELDS.map((f, i) => `${f}=${header[i]}`).join(', ')}) needs exactly ${expected} bytes`,
    )
  }
  let at = HEADER_BYTES
  const take = (count: number) => {
    const out = new Float32Array(count)
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(at + i * 4, true)
    at += count * 4
    return out
  }
  const perLayer = (size: number) => Array.from({ length: nLayers }, () => take(size))
  const tokenEmbedding = take(config.vocabSize * dim)
  const attnNorm = perLayer(dim)
  const wq = perLayer(dim * dim)
  const wk = perLayer(kvDim * dim)
  const wv = perLayer(kvDim * dim)
  const wo = perLayer(dim * dim)
  const ffnNorm = perLayer(dim)
  const w1 = perLayer(hiddenDim * dim)
  const w2 = perLayer(dim * hiddenDim)
  const w3 = perLayer(hiddenDim * dim)
  const finalNorm = take(dim)
  at += seqLen * headDim * 4
  const classifier = config.tiedEmbeddings ? tokenEmbedding : take(config.vocabSize * dim)
  const layers: LlamaLayerWeights[] = attnNorm.map((norm, l) => ({
    attnNorm: norm,
    wq: wq[l]!,
    wk: wk[l]!,
    wv: wv[l]!,
    wo: wo[l]!,
    ffnNorm: ffnNorm[l]!,
    w1: w1[l]!,
    w2: w2[l]!,
    w3: w3[l]!,
  }))
  return { config, tokenEmbedding, layers, finalNorm, classifier }
}
