import { ModelFormatError } from './errors.js'
import type { LlamaConfig } from './types.js'

/** The size of a llama2.c header: 7 int32. */
export const LLAMA2C_HEADER_BYTES = 7 * 4
const HEADER_FIELDS = ['dim', 'hidden_dim', 'n_layers', 'n_heads', 'n_kv_heads', 'vocab_size', 'seq_len']

/**
 * Reads a llama2.c header (run.c's format: dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size —
 * negative when an unshared classifier follows —, seq_len) into a config, and checks that a checkpoint of
 * `fileBytes` bytes holds exactly the tensors it declares. Only the first 28 bytes of `header` are read.
 *
 * @example
 * const config = parseLlama2cHeader(bytes, bytes.byteLength, 'stories260K.bin')
 * config.dim // 64
 */
export function parseLlama2cHeader(
  header: Uint8Array,
  fileBytes: number,
  source = 'checkpoint',
): LlamaConfig {
  if (header.byteLength < LLAMA2C_HEADER_BYTES || fileBytes < LLAMA2C_HEADER_BYTES) {
    throw new ModelFormatError(source, `is ${fileBytes} bytes, shorter than the 28-byte llama2.c header`)
  }
  const view = new DataView(header.buffer, header.byteOffset, LLAMA2C_HEADER_BYTES)
  const fields = HEADER_FIELDS.map((_, i) => view.getInt32(i * 4, true))
  const [dim, hiddenDim, nLayers, nHeads, nKvHeads, signedVocab, seqLen] = fields as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  HEADER_FIELDS.forEach((field, i) => {
    const value = field === 'vocab_size' ? Math.abs(fields[i]!) : fields[i]!
    if (value <= 0)
      throw new ModelFormatError(source, `header ${field} is ${fields[i]}, expected a positive number`)
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
  const expected = LLAMA2C_HEADER_BYTES + llama2cFloats(config) * 4
  if (fileBytes !== expected) {
    throw new ModelFormatError(
      source,
      `is ${fileBytes} bytes but its header (${HEADER_FIELDS.map((f, i) => `${f}=${fields[i]}`).join(', ')}) needs exactly ${expected} bytes`,
    )
  }
  return config
}

/** How many float32 values follow the header: every tensor, the skipped freq_cis tables included. */
function llama2cFloats(config: LlamaConfig): number {
  const { dim, hiddenDim, nLayers, vocabSize, maxSeqLen, headDim } = config
  const kvDim = config.nKvHeads * headDim
  return (
    vocabSize * dim * (config.tiedEmbeddings ? 1 : 2) +
    nLayers * (2 * dim + 2 * dim * dim + 2 * dim * kvDim + 3 * dim * hiddenDim) +
    dim +
    maxSeqLen * headDim
  )
}
