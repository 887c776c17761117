import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import type { Address } from 'viem'
import { afterAll, describe, expect, it } from 'vitest'
import { buildSpanIndex } from './buildSpanIndex.js'
import { findSpans } from './findSpans.js'
import { readSpanIndex } from './readSpanIndex.js'
import { corpusArbitrary } from './testing/corpusArbitrary.js'
import { writeSpanIndex } from './writeSpanIndex.js'

const dir = mkdtempSync(join(tmpdir(), 'openledger-spans-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const alice: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

const rows = Array.from({ length: 20 }, (_, r) => ({
  rowId: `row-${r}-✓`,
  contributor: alice,
  tokens: Array.from({ length: r }, (_, i) => (i * 7 + r) % 13),
}))

/** Writes a valid index, lets `edit` change its bytes, and re-seals the checksum when asked. */
async function edited(edit: (bytes: Buffer) => Buffer, reseal = false): Promise<string> {
  const path = join(dir, `edited-${Math.random().toString(36).slice(2)}.spans`)
  await writeSpanIndex(buildSpanIndex(rows), path)
  const bytes = edit(readFileSync(path))
  if (reseal) createHash('sha256').update(bytes.subarray(64)).digest().copy(bytes, 32)
  writeFileSync(path, bytes)
  return path
}

describe('writeSpanIndex / readSpanIndex', () => {
  it('round-trips any index, and the read index finds the same spans', async () => {
    await fc.assert(
      fc.asyncProperty(corpusArbitrary, async ({ answer, input }) => {
        const index = buildSpanIndex(input)
        const path = join(dir, 'round-trip.spans')
        const size = await writeSpanIndex(index, path)
        expect(readFileSync(path).length).toBe(size)
        const read = await readSpanIndex(path)
        expect(read).toEqual(index)
        const options = { minLength: 1, maxTokenProbability: 1 }
        expect(findSpans(read, answer, options)).toEqual(findSpans(index, answer, options))
      }),
      { numRuns: 60 },
    )
  })

  it('rejects a truncated file', async () => {
    const short = await edited((bytes) => bytes.subarray(0, bytes.length - 1))
    await expect(readSpanIndex(short)).rejects.toMatchObject({
      name: 'SpanIndexFormatError',
      shortMessage: expect.stringMatching(/truncated: \d+ bytes of the \d+ its header announces/),
    })
    const header = await edited((bytes) => bytes.subarray(0, 10))
    await expect(readSpanIndex(header)).rejects.toMatchObject({
      name: 'SpanIndexFormatError',
      shortMessage: `${header} is not a valid span index: truncated: 10 bytes, shorter than the 64-byte header.`,
    })
  })

  it('rejects a corrupted file by its checksum', async () => {
    const path = await edited((bytes) => {
      bytes[bytes.length - 200]! ^= 1
      return bytes
    })
    await expect(readSpanIndex(path)).rejects.toMatchObject({
      name: 'SpanIndexFormatError',
      shortMessage: `${path} is not a valid span index: checksum mismatch: the file is corrupted.`,
    })
  })

  it('rejects other files, other versions, extra bytes and broken invariants', async () => {
    // n = 210 text slots (190 tokens + 20 separators): the text at 64, the suffix array at 64 + 4n
    const setU32 = (offset: number, value: (bytes: Buffer) => number) => (bytes: Buffer) => {
      bytes.writeUInt32LE(value(bytes), offset)
      return bytes
    }
    const cases: [Parameters<typeof edited>, RegExp][] = [
      [[(b) => Buffer.concat([Buffer.from('PK\u0003\u0004'), b.subarray(4)])], /no OLSPANIX magic/],
      [[setU32(8, () => 2)], /format version 2; this reader knows version 1/],
      [[(b) => Buffer.concat([b, Buffer.alloc(4)])], /4 bytes past the end its header announces/],
      [[setU32(64 + 4 * 3, () => 0xffff), true], /text\[3\] = 65535 is not a token rank/],
      [[setU32(64 + 4 * 210, (b) => b.readUInt32LE(68 + 4 * 210)), true], /not a permutation at 1/],
      [[(b) => Buffer.concat([b.subarray(0, -1), Buffer.from('{')]), true], /row metadata is not JSON/],
    ]
    for (const [args, message] of cases) {
      const path = await edited(...args)
      await expect(readSpanIndex(path)).rejects.toMatchObject({
        name: 'SpanIndexFormatError',
        shortMessage: expect.stringMatching(message),
      })
    }
  })

  it('leaves a missing file to the file system error', async () => {
    await expect(readSpanIndex(join(dir, 'missing.spans'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
