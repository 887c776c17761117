import { createHash } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { bodyBytes, HEADER_BYTES, littleEndianBytes, MAGIC, VERSION } from './format.js'
import type { SpanIndex } from './types.js'

/**
 * Writes a span index to `path` in the binary format of `format.ts` (little-endian u32 arrays, a JSON
 * trailer for row ids and contributors, a SHA-256 of the body in the header). Writes a temporary file
 * beside `path` and renames it, so a reader never sees half a file. Returns the file's size in bytes.
 *
 * @example
 * await writeSpanIndex(buildSpanIndex(rows), '.openledger/spans/adapter-7.spans')
 * const index = await readSpanIndex('.openledger/spans/adapter-7.spans')
 */
export async function writeSpanIndex(index: SpanIndex, path: string): Promise<number> {
  const metadata = Buffer.from(
    JSON.stringify({ rows: index.rows.map(({ rowId, contributor }) => [rowId, contributor]) }),
  )
  const parts = [
    littleEndianBytes(index.text),
    littleEndianBytes(index.suffixArray),
    littleEndianBytes(index.rowStarts),
    littleEndianBytes(index.vocabulary),
    littleEndianBytes(index.counts),
    metadata,
  ]
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)

  const sizes = {
    n: index.text.length,
    r: index.rows.length,
    v: index.vocabulary.length,
    metadataBytes: metadata.length,
  }
  const header = Buffer.alloc(HEADER_BYTES)
  header.write(MAGIC, 0, 'latin1')
  header.writeUInt32LE(VERSION, 8)
  header.writeUInt32LE(sizes.n, 12)
  header.writeUInt32LE(sizes.r, 16)
  header.writeUInt32LE(sizes.v, 20)
  header.writeUInt32LE(sizes.metadataBytes, 24)
  hash.digest().copy(header, 32)

  const temporary = `${path}.${process.pid}.tmp`
  const file = await open(temporary, 'w')
  try {
    let position = 0
    for (const part of [header, ...parts]) {
      // write() may write less than asked: loop until the part is out
      for (let done = 0; done < part.length; ) {
        const chunk = Math.min(part.length - done, 1 << 30)
        const { bytesWritten } = await file.write(part, done, chunk, position)
        done += bytesWritten
        position += bytesWritten
      }
    }
    await file.sync()
  } catch (error) {
    await file.close()
    await rm(temporary, { force: true })
    throw error
  }
  await file.close()
  await rename(temporary, path)
  return HEADER_BYTES + bodyBytes(sizes)
}
