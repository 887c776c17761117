import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { ModelFormatError, ModelNotFoundError } from './errors.js'
import { loadHuggingFaceFolder } from './loadHuggingFaceFolder.js'
import { loadLlama2c } from './loadLlama2c.js'
import type { BaseModel } from './types.js'

const TOKENIZER_BIN = /^tok.*\.bin$/

/**
 * Loads a base model from a path, recognising its format: a folder with `config.json` (Hugging Face);
 * a folder with one checkpoint `.bin` and one tokenizer `tok*.bin` (llama2.c); or a checkpoint `.bin`
 * with exactly one `tok*.bin` beside it. The id defaults to the folder's name, or the file's without `.bin`.
 *
 * @example
 * const model = await loadBaseModel('../shared/models/stories260K')
 * model.id // 'stories260K'
 */
export async function loadBaseModel(path: string, options: { id?: string } = {}): Promise<BaseModel> {
  if (!existsSync(path)) throw new ModelNotFoundError(path)
  const full = resolve(path)
  if (statSync(full).isFile()) {
    if (!full.endsWith('.bin')) {
      throw new ModelFormatError(
        path,
        'is a file but not a llama2.c checkpoint (.bin); pass a model folder instead',
      )
    }
    const tokenizers = binFiles(dirname(full)).filter(
      (name) => TOKENIZER_BIN.test(name) && name !== basename(full),
    )
    return loadLlama2c({
      checkpoint: full,
      tokenizer: join(dirname(full), only(tokenizers, path, 'tokenizer tok*.bin beside it')),
      id: options.id ?? basename(full, '.bin'),
    })
  }
  const id = options.id ?? basename(full)
  if (existsSync(join(full, 'config.json'))) return loadHuggingFaceFolder(full, id)
  const bins = binFiles(full)
  const tokenizers = bins.filter((name) => TOKENIZER_BIN.test(name))
  const checkpoints = bins.filter((name) => !TOKENIZER_BIN.test(name))
  if (checkpoints.length === 0 && tokenizers.length === 0) {
    throw new ModelFormatError(
      path,
      `is not a model folder: it has neither config.json (Hugging Face) nor .bin files (llama2.c); found ${describe(full)}`,
    )
  }
  return loadLlama2c({
    checkpoint: join(full, only(checkpoints, path, 'checkpoint .bin (not tok*.bin)')),
    tokenizer: join(full, only(tokenizers, path, 'tokenizer tok*.bin')),
    id,
  })
}

function binFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bin') && statSync(join(dir, name)).isFile())
    .sort()
}

function only(names: string[], path: string, what: string): string {
  if (names.length === 1) return names[0]!
  const found = names.length === 0 ? 'none' : names.join(', ')
  throw new ModelFormatError(path, `needs exactly one ${what}, found ${found}`)
}

function describe(dir: string): string {
  const names = readdirSync(dir)
  if (names.length === 0) return 'an empty folder'
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}, …` : names.join(', ')
}
