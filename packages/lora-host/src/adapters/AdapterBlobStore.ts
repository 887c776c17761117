import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const CONFIG = 'adapter_config.json'
const WEIGHTS = 'adapter_model.safetensors'

/**
 * The files of an `AdapterRegistry`: `<root>/blobs/<sha256>/{adapter_config.json,adapter_model.safetensors}`,
 * each blob written into `<root>/tmp/` and renamed into place, so a blob folder is complete or absent. Not
 * fsync'ed: a blob torn by a power cut no longer matches its sha256, which `readWeights` checks.
 *
 * @example
 * const store = new AdapterBlobStore('.openledger/adapters')
 * store.write(sha256, { config, weights })
 */
export class AdapterBlobStore {
  readonly root: string

  constructor(root: string) {
    this.root = root
    mkdirSync(join(root, 'blobs'), { recursive: true })
    rmSync(join(root, 'tmp'), { recursive: true, force: true }) // leftovers of interrupted registrations
  }

  write(sha256: string, files: { config: Uint8Array; weights: Uint8Array }): void {
    const tmp = join(this.root, 'tmp', `${process.pid}-${randomUUID()}`)
    const target = this.dirOf(sha256)
    mkdirSync(tmp, { recursive: true })
    try {
      writeFileSync(join(tmp, CONFIG), files.config)
      writeFileSync(join(tmp, WEIGHTS), files.weights)
      rmSync(target, { recursive: true, force: true }) // an unindexed leftover of a crash, if any
      renameSync(tmp, target)
    } catch (error) {
      rmSync(tmp, { recursive: true, force: true })
      throw error
    }
  }

  /** Throws the file system's error (ENOENT…) when a file is missing. */
  read(sha256: string): { config: Uint8Array; weights: Uint8Array } {
    const dir = this.dirOf(sha256)
    return { config: readFileSync(join(dir, CONFIG)), weights: readFileSync(join(dir, WEIGHTS)) }
  }

  delete(sha256: string): void {
    rmSync(this.dirOf(sha256), { recursive: true, force: true })
  }

  dirOf(sha256: string): string {
    return join(this.root, 'blobs', sha256)
  }
}
