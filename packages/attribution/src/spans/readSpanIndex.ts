import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { type Address, getAddress, isAddress } from 'viem'
import { checkSpanIndex } from './checkSpanIndex.js'
import { SpanIndexFormatError } from './errors.js'
import { bodyBytes, HEADER_BYTES, MAGIC, readU32, VERSION } from './format.js'
import type { SpanIndex, SpanIndexRow } from './types.js'

/**
 * Reads a span index written by `writeSpanIndex`. The arrays are views over the file's bytes (no copy on
 * little-endian hosts). A file that is not one, is truncated, has extra bytes, fails its SHA-256 or breaks
 * the index's invariants (`checkSpanIndex`) throws `SpanIndexFormatError`; a missing or unreadable file
 * throws the file system's error.
 *
 * @example
 * const index = await readSpanIndex('.openledger/spans/adapter-7.spans')
 * findSpans(index, answerTokens)
 */
export async function readSpanIndex(path: string): Promise<SpanIndex> {
  const bytes = await readFile(path)
  const fail = (reason: string, cause?: unknown) => new SpanIndexFormatError(path, reason, { cause })
  if (bytes.length < HEADER_BYTES)
    throw fail(`truncated: ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header`)
  if (bytes.toString('latin1', 0, 8) !== MAGIC) throw fail(`no ${MAGIC} magic at its start`)
  const version = bytes.readUInt32LE(8)
  if (version !== VERSION) throw fail(`format version ${version}; this reader knows version ${VERSION}`)
  const header = {
    n: bytes.readUInt32LE(12),
    r: bytes.readUInt32LE(16),
    v: bytes.readUInt32LE(20),
    metadataBytes: bytes.readUInt32LE(24),
  }
  const expected = HEADER_BYTES + bodyBytes(header)
  if (bytes.length < expected)
    throw fail(`truncated: ${bytes.length} bytes of the ${expected} its header announces`)
  if (bytes.length > expected)
    throw fail(`${bytes.length - expected} bytes past the end its header announces`)
  const digest = createHash('sha256').update(bytes.subarray(HEADER_BYTES)).digest()
  if (!digest.equals(bytes.subarray(32, 64))) throw fail('checksum mismatch: the file is corrupted')

  const { n, r, v } = header
  let offset = HEADER_BYTES
  const take = (length: number) => {
    const array = readU32(bytes, offset, length)
    offset += 4 * length
    return array
  }
  const text = take(n)
  const suffixArray = take(n)
  const rowStarts = take(r + 1)
  const vocabulary = take(v)
  const counts = take(v)
  const rows = parseRows(bytes.toString('utf8', offset), r, fail)
  const index: SpanIndex = { text, suffixArray, rowStarts, vocabulary, counts, tokenCount: n - r, rows }
  const broken = checkSpanIndex(index)
  if (broken !== undefined) throw fail(broken)
  return index
}

function parseRows(
  json: string,
  count: number,
  fail: (reason: string, cause?: unknown) => Error,
): SpanIndexRow[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (error) {
    throw fail('its row metadata is not JSON', error)
  }
  const rows = (parsed as { rows?: unknown } | null)?.rows
  if (!Array.isArray(rows) || rows.length !== count)
    throw fail(`its row metadata does not list ${count} rows`)
  return rows.map((row: unknown, i) => {
    const [rowId, contributor] = Array.isArray(row) ? row : []
    if (
      typeof rowId !== 'string' ||
      typeof contributor !== 'string' ||
      !isAddress(contributor, { strict: false })
    )
      throw fail(`row ${i} of its metadata is not [rowId, contributor address]`)
    return { rowId, contributor: getAddress(contributor) as Address }
  })
}
