import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { createLlama2cTokenizer } from '../tokenizer/createLlama2cTokenizer.js'
import { readLlama2cVocab } from '../tokenizer/readLlama2cVocab.js'
import type { Llama2cTokenizer } from '../tokenizer/types.js'
import { parseLlama2cCheckpoint } from './parseLlama2cCheckpoint.js'
import { readWeightFile } from './readWeightFile.js'
import type { BaseModel } from './types.js'

/** A llama2.c base model; its tokenizer also decodes piece by piece as run.c prints. */
export type Llama2cModel = BaseModel & { source: 'llama2c'; tokenizer: Llama2cTokenizer }

export type LoadLlama2cParameters = {
  /** Path of the checkpoint `.bin`. */
  checkpoint: string
  /** Path of the tokenizer `.bin` (e.g. `tok512.bin`). */
  tokenizer: string
  /** Defaults to the checkpoint's file name without `.bin`. */
  id?: string
}

/**
 * Loads a llama2.c checkpoint and its tokenizer: interleaved RoPE, eps 1e-5, theta 10000, the classifier
 * tied unless the header's vocab_size is negative; sha256 over the checkpoint file.
 *
 * @example
 * const model = loadLlama2c({ checkpoint: 'stories260K/stories260K.bin', tokenizer: 'stories260K/tok512.bin' })
 * model.weights.config.dim // 64
 */
export function loadLlama2c(parameters: LoadLlama2cParameters): Llama2cModel {
  const { bytes, sha256 } = readWeightFile(parameters.checkpoint)
  const weights = parseLlama2cCheckpoint(bytes, parameters.checkpoint)
  const vocab = readLlama2cVocab(readFileSync(parameters.tokenizer), {
    vocabSize: weights.config.vocabSize,
    source: parameters.tokenizer,
  })
  return {
    id: parameters.id ?? basename(parameters.checkpoint).replace(/\.bin$/, ''),
    sha256,
    source: 'llama2c',
    weights,
    tokenizer: createLlama2cTokenizer(vocab),
  }
}
