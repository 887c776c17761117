import { readFileSync } from 'node:fs'
import { sha256Hex } from './sha256Hex.js'

/**
 * Reads a weight file (a llama2.c checkpoint, a `model.safetensors`) whole, with its sha256 (the base model's
 * content address). The one place model weights come off the disk.
 *
 * @example
 * const { bytes, sha256 } = readWeightFile('stories260K/stories260K.bin')
 */
export function readWeightFile(path: string): { bytes: Uint8Array; sha256: string } {
  const bytes = readFileSync(path)
  return { bytes, sha256: sha256Hex(bytes) }
}
