import { appendFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LoraModule, loraModules } from '../model/types.js'
import { AdapterBlobStore } from './AdapterBlobStore.js'
import { AdapterExistsError } from './AdapterExistsError.js'
import { AdapterNotFoundError } from './AdapterNotFoundError.js'
import { AdapterValidationError } from './AdapterValidationError.js'
import { adapterSha256 } from './adapterSha256.js'
import { InvalidAdapterNameError } from './InvalidAdapterNameError.js'
import {
  type AdapterBase,
  type ParsedPeftAdapter,
  type PeftAdapterFiles,
  parsePeftAdapter,
} from './parsePeftAdapter.js'
import { type AdapterIndexRecord, adapterNamePattern, readAdapterIndex } from './readAdapterIndex.js'
import { readPeftAdapterDir } from './readPeftAdapterDir.js'

/** What the registry knows about an adapter without reading its files. */
export type AdapterInfo = {
  id: string
  sha256: string
  rank: number
  targetModules: LoraModule[]
  bytes: number
}

export type RegisterAdapterParameters = {
  /** Defaults to the sha256. */
  name?: string
  /** A PEFT adapter folder… */
  dir?: string
  /** …or its two files. */
  files?: PeftAdapterFiles
  /** Replace the content of an existing name. */
  replace?: boolean
}

/** Compact in-memory record of one blob, shared by every name that uses it (modules as a bitmask). */
type Blob = { sha256: string; rank: number; modules: number; bytes: number; names: number }

/**
 * Content-addressed adapter store: each adapter is kept once under `<root>/blobs/<sha256>/` (see
 * `adapterSha256`), names map to blobs, and every adapter is validated before anything is written.
 *
 * The name index is an append-only log, `<root>/index.jsonl`, compacted on open: one sequential read opens
 * 10,000 adapters in milliseconds, where one file per name would cost 10,000 opens. A torn last line is
 * dropped. One process owns a root at a time.
 *
 * @example
 * const registry = new AdapterRegistry({ root: '.openledger/adapters', base: { modelId, config, maxRank: 16 } })
 * const { id } = await registry.register({ name: 'defi', dir: './defi-lora' })
 * const lora = registry.readWeights(id)
 */
export class AdapterRegistry {
  readonly root: string
  readonly base: AdapterBase
  private readonly names = new Map<string, Blob>()
  private readonly blobs = new Map<string, Blob>()
  private readonly indexPath: string
  private readonly store: AdapterBlobStore

  constructor(options: { root: string; base: AdapterBase }) {
    this.root = options.root
    this.base = options.base
    this.indexPath = join(this.root, 'index.jsonl')
    this.store = new AdapterBlobStore(this.root)
    const { records, lines } = readAdapterIndex(this.indexPath)
    for (const record of records) {
      if ('removed' in record) this.unlink(record.name, false)
      else
        this.link(
          record.name,
          this.blobOf(record.sha256, record.rank, moduleMask(record.modules), record.bytes),
        )
    }
    if (lines !== this.names.size) this.compact()
  }

  /** The number of registered names. */
  get size(): number {
    return this.names.size
  }

  /**
   * Validates an adapter fully, stores its blob atomically (temp folder + rename) unless the same content is
   * stored already, and maps the name to it. The same name with the same content is a no-op.
   */
  async register(parameters: RegisterAdapterParameters): Promise<AdapterInfo> {
    const { dir, files: given } = parameters
    if ((dir === undefined) === (given === undefined)) {
      throw new AdapterValidationError('register needs either dir or files')
    }
    const files = given ?? (await readPeftAdapterDir(dir!))
    const config = typeof files.config === 'string' ? new TextEncoder().encode(files.config) : files.config
    const sha256 = adapterSha256(files)
    const name = parameters.name ?? sha256
    if (!adapterNamePattern.test(name)) throw new InvalidAdapterNameError(name)
    const existing = this.names.get(name)
    if (existing?.sha256 === sha256) return infoOf(name, existing)
    if (existing && !parameters.replace) throw new AdapterExistsError(name, existing.sha256, sha256)
    const lora = this.parse({ config, weights: files.weights }, name)
    let blob = this.blobs.get(sha256)
    if (!blob) {
      this.store.write(sha256, { config, weights: files.weights })
      blob = this.blobOf(
        sha256,
        lora.rank,
        moduleMask(lora.targetModules),
        config.byteLength + files.weights.byteLength,
      )
    }
    this.append(recordOf(name, blob))
    if (existing) this.unlink(name, true)
    this.link(name, blob)
    return infoOf(name, blob)
  }

  /** Metadata of a registered adapter, or undefined. Reads nothing from disk. */
  get(id: string): AdapterInfo | undefined {
    const blob = this.names.get(id)
    return blob && infoOf(id, blob)
  }

  /** Whether a name is registered. */
  has(id: string): boolean {
    return this.names.has(id)
  }

  /** Every registered adapter, in registration order. */
  list(): AdapterInfo[] {
    return [...this.names].map(([id, blob]) => infoOf(id, blob))
  }

  /** Removes a name; its blob is deleted when no other name uses it. Evict it from caches first. */
  remove(id: string): void {
    if (!this.names.has(id)) throw new AdapterNotFoundError(id)
    this.append({ name: id, removed: true })
    this.unlink(id, true)
  }

  /**
   * Reads an adapter's weights from disk, checking the files still hash to their address and re-validating
   * them, so a blob damaged after registration throws `AdapterValidationError`, never yields bad numbers.
   */
  readWeights(id: string): ParsedPeftAdapter {
    const blob = this.names.get(id)
    if (!blob) throw new AdapterNotFoundError(id)
    let files: PeftAdapterFiles
    try {
      files = this.store.read(blob.sha256)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new AdapterValidationError(`its stored files cannot be read (${code})`, {
        adapter: id,
        cause: error,
      })
    }
    if (adapterSha256(files) !== blob.sha256) {
      throw new AdapterValidationError(`its stored files no longer match sha256 ${blob.sha256}`, {
        adapter: id,
      })
    }
    return this.parse(files, id)
  }

  private parse(files: PeftAdapterFiles, adapter: string): ParsedPeftAdapter {
    try {
      return parsePeftAdapter(files, this.base)
    } catch (error) {
      if (!(error instanceof AdapterValidationError)) throw error
      throw new AdapterValidationError(error.reason, { adapter, cause: error.cause })
    }
  }

  private blobOf(sha256: string, rank: number, modules: number, bytes: number): Blob {
    let blob = this.blobs.get(sha256)
    if (!blob) {
      blob = { sha256, rank, modules, bytes, names: 0 }
      this.blobs.set(sha256, blob)
    }
    return blob
  }

  private link(name: string, blob: Blob): void {
    const previous = this.names.get(name)
    if (previous === blob) return
    if (previous) this.unlink(name, false)
    this.names.set(name, blob)
    blob.names++
  }

  private unlink(name: string, deleteFiles: boolean): void {
    const blob = this.names.get(name)
    if (!blob) return
    this.names.delete(name)
    if (--blob.names > 0) return
    this.blobs.delete(blob.sha256)
    if (deleteFiles) this.store.delete(blob.sha256)
  }

  private append(record: AdapterIndexRecord): void {
    appendFileSync(this.indexPath, `${JSON.stringify(record)}\n`)
  }

  private compact(): void {
    const lines = [...this.names].map(([name, blob]) => JSON.stringify(recordOf(name, blob)))
    const tmp = `${this.indexPath}.tmp`
    writeFileSync(tmp, lines.map((line) => `${line}\n`).join(''))
    renameSync(tmp, this.indexPath)
  }
}

function infoOf(id: string, blob: Blob): AdapterInfo {
  const { sha256, rank, bytes } = blob
  return { id, sha256, rank, targetModules: modulesOf(blob.modules), bytes }
}

function recordOf(name: string, blob: Blob): AdapterIndexRecord {
  return { name, sha256: blob.sha256, rank: blob.rank, modules: modulesOf(blob.modules), bytes: blob.bytes }
}

function moduleMask(modules: readonly LoraModule[]): number {
  return modules.reduce((mask, module) => mask | (1 << loraModules.indexOf(module)), 0)
}

function modulesOf(mask: number): LoraModule[] {
  return loraModules.filter((_, i) => mask & (1 << i))
}
