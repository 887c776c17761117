import { endianness } from 'node:os'

/**
 * The span index file, version 1. Little-endian throughout; every array is u32 and starts 4-byte aligned.
 *
 * | offset | size   | field                                                                  |
 * | ------ | ------ | ---------------------------------------------------------------------- |
 * | 0      | 8      | magic `OLSPANIX`                                                       |
 * | 8      | 4      | version (1)                                                            |
 * | 12     | 4      | n: text length (tokens + one separator per row)                        |
 * | 16     | 4      | r: rows                                                                |
 * | 20     | 4      | v: distinct token ids                                                  |
 * | 24     | 4      | metadata bytes                                                         |
 * | 28     | 4      | reserved, 0                                                            |
 * | 32     | 32     | SHA-256 of everything after the header (offset 64 to the end)          |
 * | 64     | 4n     | text: token ranks, separator = v after each row                        |
 * |        | 4n     | suffix array                                                           |
 * |        | 4(r+1) | row starts, then n                                                     |
 * |        | 4v     | vocabulary: the distinct token ids, ascending                          |
 * |        | 4v     | counts per rank                                                        |
 * |        | …      | metadata, UTF-8 JSON: `{"rows":[[rowId, contributor], …]}`              |
 */
export const MAGIC = 'OLSPANIX'
export const VERSION = 1
export const HEADER_BYTES = 64

export type Header = { n: number; r: number; v: number; metadataBytes: number }

/** Byte length of the body (after the header) that a header announces. */
export function bodyBytes({ n, r, v, metadataBytes }: Header): number {
  return 4 * (2 * n + (r + 1) + 2 * v) + metadataBytes
}

const littleEndianHost = endianness() === 'LE'

/** The array's bytes in little-endian order: a view on little-endian hosts, a swapped copy otherwise. */
export function littleEndianBytes(array: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  return littleEndianHost ? bytes : swapped(bytes)
}

/** `length` u32 read at `offset` of `bytes`: a view when aligned on a little-endian host, else a copy. */
export function readU32(bytes: Uint8Array, offset: number, length: number): Uint32Array {
  const at = bytes.byteOffset + offset
  if (littleEndianHost && at % 4 === 0) return new Uint32Array(bytes.buffer, at, length)
  const copy = bytes.slice(offset, offset + 4 * length)
  return new Uint32Array((littleEndianHost ? copy : swapped(copy)).buffer)
}

function swapped(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i += 4) {
    out[i] = bytes[i + 3]!
    out[i + 1] = bytes[i + 2]!
    out[i + 2] = bytes[i + 1]!
    out[i + 3] = bytes[i]!
  }
  return out
}
