import { LLAMA2C_HEADER_BYTES, parseLlama2cHeader } from './parseLlama2cHeader.js'
import { readFloat32s } from './readFloat32s.js'
import type { LlamaLayerWeights, LlamaWeights } from './types.js'

/**
 * Parses a llama2.c checkpoint (run.c's format): the header (see `parseLlama2cHeader`), then float32
 * tensors, each kind stored for all layers in turn: token_embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1,
 * w2, w3, rms_final, freq_cis real and imag (skipped), [wcls]. The size must match the header exactly.
 *
 * @example
 * const weights = parseLlama2cCheckpoint(readFileSync('stories260K.bin'), 'stories260K.bin')
 */
export function parseLlama2cCheckpoint(bytes: Uint8Array, source = 'checkpoint'): LlamaWeights {
  const config = parseLlama2cHeader(bytes, bytes.byteLength, source)
  const { dim, hiddenDim, nLayers, vocabSize, maxSeqLen, headDim } = config
  const kvDim = config.nKvHeads * headDim
  let at = LLAMA2C_HEADER_BYTES
  const take = (count: number) => {
    const out = readFloat32s(bytes, at, count)
    at += count * 4
    return out
  }
  const perLayer = (size: number) => Array.from({ length: nLayers }, () => take(size))
  const tokenEmbedding = take(vocabSize * dim)
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
  at += maxSeqLen * headDim * 4
  const classifier = config.tiedEmbeddings ? tokenEmbedding : take(vocabSize * dim)
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
