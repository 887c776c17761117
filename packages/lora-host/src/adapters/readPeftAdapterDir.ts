import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AdapterValidationError } from './AdapterValidationError.js'
import type { PeftAdapterFiles } from './parsePeftAdapter.js'

/**
 * Reads `adapter_config.json` and `adapter_model.safetensors` from a PEFT adapter folder (as written by
 * `save_pretrained`). The older pickled `adapter_model.bin` is not read: it can run code.
 *
 * @example
 * await registry.register({ name: 'defi', files: await readPeftAdapterDir('./out/defi-lora') })
 */
export async function readPeftAdapterDir(dir: string): Promise<PeftAdapterFiles> {
  // One after the other, config first: a folder missing both files always names the config.
  const config = await readAdapterFile(dir, 'adapter_config.json')
  const weights = await readAdapterFile(dir, 'adapter_model.safetensors')
  return { config: new Uint8Array(config), weights: new Uint8Array(weights) }
}

function readAdapterFile(dir: string, file: string): Promise<Buffer> {
  return readFile(join(dir, file)).catch((error: NodeJS.ErrnoException) => {
    throw new AdapterValidationError(`cannot read ${file} in ${dir} (${error.code ?? error.message})`, {
      cause: error,
    })
  })
}
