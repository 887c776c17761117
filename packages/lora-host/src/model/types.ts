/** How RoPE pairs dimensions: llama2.c rotates interleaved pairs (0,1),(2,3)…; Hugging Face rotates halves (i, i+d/2). */
export type RopeStyle = 'interleaved' | 'halves'

/** The shape of a Llama-architecture model. */
export type LlamaConfig = {
  dim: number
  hiddenDim: number
  nLayers: number
  nHeads: number
  nKvHeads: number
  /** dim / nHeads. */
  headDim: number
  vocabSize: number
  maxSeqLen: number
  normEps: number
  ropeTheta: number
  ropeStyle: RopeStyle
  tiedEmbeddings: boolean
}

/** One transformer block; every matrix is row-major [out, in], as PyTorch's `nn.Linear.weight`. */
export type LlamaLayerWeights = {
  attnNorm: Float32Array
  /** [nHeads·headDim, dim] */
  wq: Float32Array
  /** [nKvHeads·headDim, dim] */
  wk: Float32Array
  /** [nKvHeads·headDim, dim] */
  wv: Float32Array
  /** [dim, nHeads·headDim] */
  wo: Float32Array
  ffnNorm: Float32Array
  /** gate_proj [hiddenDim, dim] */
  w1: Float32Array
  /** down_proj [dim, hiddenDim] */
  w2: Float32Array
  /** up_proj [hiddenDim, dim] */
  w3: Float32Array
}

export type LlamaWeights = {
  config: LlamaConfig
  /** [vocabSize, dim] */
  tokenEmbedding: Float32Array
  layers: LlamaLayerWeights[]
  finalNorm: Float32Array
  /** [vocabSize, dim]; the same array as `tokenEmbedding` when tied. */
  classifier: Float32Array
}

/** The LoRA target modules the host supports, by their PEFT names. */
export const loraModules = [
  'q_proj',
  'k_proj',
  'v_proj',
  'o_proj',
  'gate_proj',
  'up_proj',
  'down_proj',
] as const
export type LoraModule = (typeof loraModules)[number]

/** Which layer matrix each PEFT module adapts. */
export const loraModuleWeight: Record<LoraModule, keyof LlamaLayerWeights> = {
  q_proj: 'wq',
  k_proj: 'wk',
  v_proj: 'wv',
  o_proj: 'wo',
  gate_proj: 'w1',
  up_proj: 'w3',
  down_proj: 'w2',
}

/** [in, out] of a module's matrix for a config. */
export function loraModuleShape(config: LlamaConfig, module: LoraModule): { in: number; out: number } {
  const q = config.nHeads * config.headDim
  const kv = config.nKvHeads * config.headDim
  switch (module) {
    case 'q_proj':
      return { in: config.dim, out: q }
    case 'k_proj':
    case 'v_proj':
      return { in: config.dim, out: kv }
    case 'o_proj':
      return { in: q, out: config.dim }
    case 'gate_proj':
    case 'up_proj':
      return { in: config.dim, out: config.hiddenDim }
    case 'down_proj':
      return { in: config.hiddenDim, out: config.dim }
  }
}

/** Text ↔ token ids. */
export type Tokenizer = {
  vocabSize: number
  bos: number
  eos: number
  /** Encodes text; prepends BOS when `bos` is true. */
  encode: (text: string, options?: { bos?: boolean }) => number[]
  /** Decodes a whole sequence (BOS/EOS dropped). */
  decode: (ids: readonly number[]) => string
}

/** A loaded base model: weights, tokenizer, and an id derived from its files. */
export type BaseModel = {
  /** e.g. 'stories260K' */
  id: string
  /** sha256 of the weight file(s), hex. */
  sha256: string
  source: 'llama2c' | 'huggingface'
  weights: LlamaWeights
  tokenizer: Tokenizer
}

/** One module's LoRA matrices as PEFT stores them: A [r, in], B [out, r]; the delta is scale·B·A. */
export type LoraPair = { a: Float32Array; b: Float32Array; rank: number }

/** A LoRA adapter in plain arrays: per layer, the modules it adapts; scale = lora_alpha / r. */
export type LoraWeights = {
  rank: number
  scale: number
  layers: Partial<Record<LoraModule, LoraPair>>[]
}
