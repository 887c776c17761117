import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ManifestInvalidError, ManifestNotFoundError } from '../errors.js'
import { type Manifest, manifestSchema } from './manifest.js'

/** `<directory>/deployments/<chainId>.json`; the directory defaults to `.openledger`. */
export function manifestPath(chainId: number, directory = '.openledger'): string {
  return join(directory, 'deployments', `${chainId}.json`)
}

/** Reads and validates a manifest; `undefined` when the file does not exist. */
export function readManifestIfExists(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ManifestInvalidError(path, `not JSON (${(error as Error).message})`)
  }
  const parsed = manifestSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ManifestInvalidError(path, `${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

/**
 * Reads and validates a manifest.
 *
 * @example
 * const manifest = readManifest(manifestPath(31337))
 */
export function readManifest(path: string): Manifest {
  const manifest = readManifestIfExists(path)
  if (!manifest) throw new ManifestNotFoundError(path)
  return manifest
}

/** Writes a manifest atomically (temp file + rename), so a crash never leaves half a file. */
export function writeManifest(path: string, manifest: Manifest): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(manifest, null, 2)}\n`)
  renameSync(temp, path)
}
