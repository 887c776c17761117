import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { loraModules } from '../model/types.js'
import { AdapterIndexError } from './AdapterIndexError.js'

export const adapterNamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/i

const record = z.union([
  z.strictObject({
    name: z.string().regex(adapterNamePattern),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    rank: z.number().int().positive(),
    modules: z.array(z.enum(loraModules)).min(1),
    bytes: z.number().int().nonnegative(),
  }),
  z.strictObject({ name: z.string().regex(adapterNamePattern), removed: z.literal(true) }),
])
/** One line of `index.jsonl`: a name set to an adapter, or removed. */
export type AdapterIndexRecord = z.infer<typeof record>

/**
 * Reads the registry's append-only name log, one JSON record a line, in order. A torn last line (a crash
 * mid-append) is dropped; damage anywhere else throws `AdapterIndexError` rather than losing adapters.
 *
 * @example
 * const { records, lines } = readAdapterIndex(join(root, 'index.jsonl'))
 */
export function readAdapterIndex(path: string): { records: AdapterIndexRecord[]; lines: number } {
  if (!existsSync(path)) return { records: [], lines: 0 }
  const text = readFileSync(path, 'utf8')
  const lines = text.split('\n')
  const records: AdapterIndexRecord[] = []
  let count = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    count++
    let parsed: ReturnType<typeof record.safeParse>
    try {
      parsed = record.safeParse(JSON.parse(line))
    } catch {
      if (i === lines.length - 1) continue // torn last line: the append never completed
      throw new AdapterIndexError(path, i + 1, 'not JSON')
    }
    if (!parsed.success) throw new AdapterIndexError(path, i + 1, parsed.error.issues[0]!.message)
    records.push(parsed.data)
  }
  return { records, lines: count }
}
