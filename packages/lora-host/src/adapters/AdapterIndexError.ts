import { BaseError } from '@openledger/errors'

/**
 * The registry's name index on disk is damaged somewhere other than a torn last line.
 *
 * @example
 * new AdapterRegistry({ root, base }) // throws AdapterIndexError on a corrupt index.jsonl
 */
export class AdapterIndexError extends BaseError {
  override name = 'AdapterIndexError'
  readonly path: string
  readonly line: number

  constructor(path: string, line: number, reason: string) {
    super(`Adapter index ${path} is corrupt at line ${line}: ${reason}.`, {
      metaMessages: ['Restore it from a backup, or re-register the adapters into a new root.'],
    })
    this.path = path
    this.line = line
  }
}
