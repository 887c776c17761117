import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { StoreSession } from '@openledger/store'
import { type Address, getAddress, type Hex, isAddress, isAddressEqual, type LocalAccount } from 'viem'
import { checkRowContent } from '../content/checkRowContent.js'
import { getDatanet } from '../datanets/getDatanet.js'
import { DuplicateRowError, UnsignedRowError } from '../errors/contribution.js'
import { ImportFormatError, ImportRowsError, type InvalidLine } from '../errors/import.js'
import { prepareContribution } from '../rows/prepareContribution.js'
import { storeContributions } from '../rows/storeContributions.js'
import { signContribution } from '../signing/signContribution.js'
import { findRowRecords } from '../store/findRowRecords.js'
import type { DatanetRowsTable } from '../store/tables.js'
import type { DatanetRef, RowLimits } from '../types.js'
import { parseCsv } from './parseCsv.js'
import type { ParsedLines } from './parsedLines.js'
import { parseJsonl } from './parseJsonl.js'
import type { RowInput } from './rowInputSchema.js'

export type ImportProgress = { phase: 'checking' | 'storing'; done: number; total: number }

export type ImportRowsParameters = {
  datanet: DatanetRef
  file: string
  /** Default: from the extension (`.jsonl`, `.ndjson` → jsonl; `.csv` → csv). */
  format?: 'jsonl' | 'csv' | undefined
  /** Signs the rows that carry no signature, as their contributor. Rows naming another contributor must be pre-signed. */
  signer?: LocalAccount | undefined
  /** The license of rows that name none; default: the datanet's. */
  license?: string | undefined
  limits?: Partial<RowLimits> | undefined
  /** false (default): any bad line aborts the import, nothing is stored. true: good lines are stored, bad ones reported. */
  partial?: boolean | undefined
  /** Called as lines are checked (signatures are the slow part) and stored, e.g. to drive a progress bar. */
  onProgress?: ((progress: ImportProgress) => void) | undefined
}

export type ImportRowsReturnType = {
  /** New rows stored. */
  imported: number
  /** Rows already in the datanet (or earlier in the file) from the same contributor: not stored again. */
  duplicates: number
  /** Bad lines (only with `partial: true`; otherwise they throw `ImportRowsError`). */
  invalid: InvalidLine[]
  /** The row id of every good line, in file order (duplicates included). */
  rowIds: Hex[]
}

export type ImportRowsErrorType = ImportRowsError | ImportFormatError

/**
 * Imports rows from a JSONL or CSV file into a datanet, pending review. Each line goes through the same
 * checks as `contributeRow` (content and size, license, EIP-712 signature) and the same deduplication.
 * Rows without a signature are signed by `signer`. All or nothing by default: if any line is bad, nothing is
 * stored and `ImportRowsError` lists every bad line by number and why. With `partial: true` the good lines
 * are stored and the bad ones returned in `invalid`. Re-running an import is safe: stored rows come back as
 * duplicates.
 *
 * @example
 * const bar = importProgressBar()
 * const { imported, duplicates } = await importRows(store, {
 *   datanet,
 *   file: 'seed.jsonl',
 *   signer: privateKeyToAccount(contributorKey),
 *   onProgress: bar.update,
 * })
 * bar.stop()
 */
export async function importRows(
  store: StoreSession,
  parameters: ImportRowsParameters,
): Promise<ImportRowsReturnType> {
  const { datanet, file, signer, limits, onProgress } = parameters
  const license = parameters.license ?? (await getDatanet(store, datanet)).license
  const { rows, invalid } = await readRows(file, parameters.format)
  const prepared: { line: number; record: DatanetRowsTable }[] = []
  const now = new Date()
  for (const [done, { line, input }] of rows.entries()) {
    try {
      prepared.push({ line, record: await prepareLine(datanet, input, { signer, license, limits, now }) })
    } catch (error) {
      invalid.push({
        line,
        message: (error as { shortMessage?: string }).shortMessage ?? String(error),
        error,
      })
    }
    onProgress?.({ phase: 'checking', done: done + 1, total: rows.length })
  }
  const held = await findRowRecords(
    store,
    prepared.map((p) => p.record.row_id as Hex),
  )
  const firstHolder = new Map<string, Address>([...held].map(([id, r]) => [id, r.contributor as Address]))
  const good = prepared.filter(({ line, record }) => {
    const holder = firstHolder.get(record.row_id)
    firstHolder.set(record.row_id, holder ?? (record.contributor as Address))
    if (!holder || isAddressEqual(holder, record.contributor as Address)) return true
    const error = new DuplicateRowError(record.row_id as Hex, holder, record.contributor as Address)
    invalid.push({ line, message: error.shortMessage, error })
    return false
  })
  invalid.sort((a, b) => a.line - b.line)
  if (invalid.length > 0 && !parameters.partial) throw new ImportRowsError(file, invalid)

  onProgress?.({ phase: 'storing', done: 0, total: good.length })
  const stored = await storeContributions(
    store,
    good.map((g) => g.record),
  )
  onProgress?.({ phase: 'storing', done: good.length, total: good.length })
  const result: ImportRowsReturnType = { imported: 0, duplicates: 0, invalid, rowIds: [] }
  for (const [i, outcome] of stored.entries()) {
    if (outcome.outcome === 'conflict') {
      // Only a concurrent writer can get here: the pre-check above saw no other holder.
      invalid.push({ line: good[i]?.line ?? 0, message: outcome.error.shortMessage, error: outcome.error })
      continue
    }
    result[outcome.outcome === 'created' ? 'imported' : 'duplicates']++
    result.rowIds.push(outcome.row.rowId)
  }
  return result
}

async function readRows(file: string, format: 'jsonl' | 'csv' | undefined): Promise<ParsedLines> {
  const kind = format ?? formatOf(file)
  let source: string
  try {
    source = await readFile(file, 'utf8')
  } catch (cause) {
    throw new ImportFormatError(file, 'it cannot be read', cause)
  }
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1)
  return kind === 'jsonl' ? parseJsonl(source) : parseCsv(source, file)
}

function formatOf(file: string): 'jsonl' | 'csv' {
  const extension = extname(file).toLowerCase()
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl'
  if (extension === '.csv') return 'csv'
  throw new ImportFormatError(
    file,
    `its format is unknown (extension "${extension}"); pass format: 'jsonl' or 'csv'`,
  )
}

async function prepareLine(
  datanet: DatanetRef,
  input: RowInput,
  options: {
    signer: LocalAccount | undefined
    license: string
    limits: Partial<RowLimits> | undefined
    now: Date
  },
): Promise<DatanetRowsTable> {
  const license = input.license ?? options.license
  let { contributor, signature } = input
  const signedHere = signature === undefined
  if (signature === undefined) {
    const { signer } = options
    if (!signer) throw new UnsignedRowError(contributor, undefined)
    if (
      contributor !== undefined &&
      (!isAddress(contributor, { strict: false }) || !isAddressEqual(getAddress(contributor), signer.address))
    )
      throw new UnsignedRowError(contributor, signer.address)
    checkRowContent(input.content, options.limits)
    contributor = signer.address
    signature = await signContribution(signer, { datanet, content: input.content, license })
  }
  return prepareContribution(
    datanet,
    { content: input.content, license, contributor: contributor as Address, signature: signature as Hex },
    { limits: options.limits, now: options.now, signedHere },
  )
}
