import { createHash } from 'node:crypto'
import type { PeftAdapterFiles } from './parsePeftAdapter.js'

/**
 * The content address of an adapter: sha256(sha256(config bytes) ‖ sha256(weights bytes)), the two raw
 * 32-byte digests concatenated, as lowercase hex. Hashing each file first keeps the boundary between them
 * unambiguous; a string config is hashed as its UTF-8 bytes. Byte-exact: reformatting the JSON changes it.
 *
 * @example
 * const sha256 = adapterSha256({ config: readFileSync(configPath), weights: readFileSync(weightsPath) })
 */
export function adapterSha256(files: PeftAdapterFiles): string {
  const config = typeof files.config === 'string' ? new TextEncoder().encode(files.config) : files.config
  return createHash('sha256')
    .update(createHash('sha256').update(config).digest())
    .update(createHash('sha256').update(files.weights).digest())
    .digest('hex')
}
