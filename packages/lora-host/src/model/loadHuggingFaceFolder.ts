import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { readSafetensors } from '../safetensors/safetensors.js'
import { createHuggingFaceTokenizer } from '../tokenizer/createHuggingFaceTokenizer.js'
import { ModelFormatError, ModelNotFoundError } from './errors.js'
import { llamaWeightsFromSafetensors } from './llamaWeightsFromSafetensors.js'
import { parseHuggingFaceConfig } from './parseHuggingFaceConfig.js'
import { readWeightFile } from './readWeightFile.js'
import type { BaseModel } from './types.js'

/**
 * Loads a Hugging Face Llama folder: `config.json` (validated), `model.safetensors` (F32, F16 or BF16;
 * every tensor's shape checked), `tokenizer.json` (+ `tokenizer_config.json` when present) through
 * `@huggingface/tokenizers`. RoPE over halves; BOS/EOS from config.json, else the tokenizer's
 * `bos_token`/`eos_token`; sha256 over model.safetensors; the id defaults to the folder's name.
 *
 * @example
 * const model = await loadHuggingFaceFolder('models/tiny-llama')
 * model.tokenizer.decode(model.tokenizer.encode('Hello')) // 'Hello'
 */
export async function loadHuggingFaceFolder(dir: string, id?: string): Promise<BaseModel> {
  if (!existsSync(dir)) throw new ModelNotFoundError(dir)
  const file = (name: string) => join(dir, name)
  const { config, bos, eos } = parseHuggingFaceConfig(
    await readJson(file('config.json')),
    file('config.json'),
  )
  const weightsPath = file('model.safetensors')
  if (!existsSync(weightsPath)) {
    const sharded = existsSync(file('model.safetensors.index.json'))
    throw new ModelFormatError(
      weightsPath,
      sharded ? 'is missing; sharded checkpoints are not supported, merge them into one file' : 'is missing',
    )
  }
  const { bytes, sha256 } = readWeightFile(weightsPath)
  let tensors: ReturnType<typeof readSafetensors>
  try {
    tensors = readSafetensors(bytes, weightsPath)
  } catch (error) {
    throw new ModelFormatError(weightsPath, 'is not a readable safetensors file', { cause: error })
  }
  const weights = llamaWeightsFromSafetensors(tensors, config, weightsPath)
  const tokenizerJson = await readJson(file('tokenizer.json'))
  const tokenizerConfig = existsSync(file('tokenizer_config.json'))
    ? await readJson(file('tokenizer_config.json'))
    : {}
  const tokenizer = createHuggingFaceTokenizer(tokenizerJson, tokenizerConfig, {
    bos,
    eos,
    source: file('tokenizer.json'),
  })
  if (tokenizer.vocabSize > config.vocabSize) {
    throw new ModelFormatError(
      file('tokenizer.json'),
      `has token ids up to ${tokenizer.vocabSize - 1}, beyond the model's vocab_size ${config.vocabSize}`,
    )
  }
  return {
    id: id ?? basename(resolve(dir)),
    sha256,
    source: 'huggingface',
    weights,
    tokenizer,
  }
}

async function readJson(path: string): Promise<object> {
  if (!existsSync(path)) throw new ModelFormatError(path, 'is missing')
  let value: unknown
  try {
    value = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new ModelFormatError(path, 'is not a JSON object', { cause: error })
  }
  if (typeof value !== 'object' || value === null) throw new ModelFormatError(path, 'is not a JSON object')
  return value
}
