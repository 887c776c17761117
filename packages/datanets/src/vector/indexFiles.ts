import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { getAddress } from 'viem'
import { z } from 'zod'
import type { DatanetRef } from '../types.js'
import type { HierarchicalNSW } from './hnsw.js'

const hash = z.string().regex(/^0x[0-9a-f]{64}$/)

/** The JSON beside an index: what it covers (label i is `labels[i]`), by which embedder, built how. */
export const sidecarSchema = z.object({
  version: z.literal(1),
  datanet: z.object({ chainId: z.number().int(), registry: z.string(), datanetId: z.string() }),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  space: z.literal('cosine'),
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  labels: z.array(hash),
})

export type Sidecar = z.infer<typeof sidecarSchema>

export type IndexPaths = { index: string; sidecar: string }

/** `<directory>/<chainId>/<registry>/<datanetId>.hnsw` and `.json`. */
export function indexPaths(directory: string, datanet: DatanetRef): IndexPaths {
  const base = join(
    directory,
    String(datanet.chainId),
    getAddress(datanet.registry),
    String(datanet.datanetId),
  )
  return { index: `${base}.hnsw`, sidecar: `${base}.json` }
}

/** The sidecar, or undefined when it or the index file is missing or the sidecar does not parse. */
export function readSidecar(paths: IndexPaths): Sidecar | undefined {
  if (!existsSync(paths.index) || !existsSync(paths.sidecar)) return undefined
  try {
    const parsed = sidecarSchema.safeParse(JSON.parse(readFileSync(paths.sidecar, 'utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * Writes the index, then its sidecar, each to a temporary file renamed into place: a reader sees old or new
 * files, never half of one, and a crash between the two leaves a count mismatch that forces a rebuild.
 */
export function writeIndexFiles(paths: IndexPaths, hnsw: HierarchicalNSW, sidecar: Sidecar): void {
  mkdirSync(join(paths.index, '..'), { recursive: true })
  const suffix = `.${process.pid}.${Date.now()}.tmp`
  hnsw.writeIndexSync(paths.index + suffix)
  renameSync(paths.index + suffix, paths.index)
  writeFileSync(paths.sidecar + suffix, JSON.stringify(sidecar))
  renameSync(paths.sidecar + suffix, paths.sidecar)
}
