import { BaseError } from '@openledger/errors'
import { readFloat32s } from '../model/readFloat32s.js'

export type SafetensorsDtype = 'F32' | 'F16' | 'BF16'
export type SafetensorsTensor = { dtype: SafetensorsDtype; shape: number[]; data: Float32Array }

export class SafetensorsError extends BaseError {
  override name = 'SafetensorsError'
  constructor(source: string, reason: string) {
    super(`${source} is not a valid safetensors file: ${reason}.`)
  }
}

const bytesPer: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2 }
const MAX_HEADER = 100 * 1024 * 1024

/**
 * Reads a safetensors file (F32, F16 or BF16 tensors) into float32 arrays, checking the header, every
 * tensor's offsets against its shape and dtype, and that tensors stay inside the file.
 *
 * @example
 * const tensors = readSafetensors(readFileSync('adapter_model.safetensors'), 'adapter_model.safetensors')
 */
export function readSafetensors(bytes: Uint8Array, source = 'buffer'): Map<string, SafetensorsTensor> {
  if (bytes.byteLength < 8) throw new SafetensorsError(source, 'shorter than its 8-byte header length')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = Number(view.getBigUint64(0, true))
  if (headerLength > MAX_HEADER || 8 + headerLength > bytes.byteLength) {
    throw new SafetensorsError(source, `header length ${headerLength} exceeds the file`)
  }
  let header: Record<string, unknown>
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)))
  } catch {
    throw new SafetensorsError(source, 'header is not JSON')
  }
  const body = bytes.subarray(8 + headerLength)
  const tensors = new Map<string, SafetensorsTensor>()
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as Record<string, unknown>
    if (dtype !== 'F32' && dtype !== 'F16' && dtype !== 'BF16') {
      throw new SafetensorsError(
        source,
        `tensor ${name} has dtype ${String(dtype)} (F32, F16 or BF16 expected)`,
      )
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new SafetensorsError(source, `tensor ${name} has no valid shape`)
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0)
    ) {
      throw new SafetensorsError(source, `tensor ${name} has no valid data_offsets`)
    }
    const [start, end] = offsets as [number, number]
    const count = (shape as number[]).reduce((a, b) => a * b, 1)
    if (end < start || end > body.byteLength || end - start !== count * bytesPer[dtype]) {
      throw new SafetensorsError(
        source,
        `tensor ${name} spans bytes ${start}-${end}, which do not fit its shape`,
      )
    }
    tensors.set(name, {
      dtype,
      shape: shape as number[],
      data: decode(dtype, body.subarray(start, end), count),
    })
  }
  return tensors
}

function decode(dtype: SafetensorsDtype, raw: Uint8Array, count: number): Float32Array {
  if (dtype === 'F32') return readFloat32s(raw, 0, count)
  const out = new Float32Array(count)
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  if (dtype === 'BF16') {
    const word = new Uint32Array(1)
    const asFloat = new Float32Array(word.buffer)
    for (let i = 0; i < count; i++) {
      word[0] = view.getUint16(i * 2, true) << 16
      out[i] = asFloat[0]!
    }
  } else {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true))
  }
  return out
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1
  const exponent = (h >> 10) & 0x1f
  const fraction = h & 0x3ff
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024)
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024)
}

function floatToHalf(value: number): number {
  const f = new Float32Array([value])
  const x = new Uint32Array(f.buffer)[0]!
  const sign = (x >> 16) & 0x8000
  const exponent = ((x >> 23) & 0xff) - 127 + 15
  const mantissa = x & 0x7fffff
  if (((x >> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0)
  if (exponent >= 0x1f) return sign | 0x7c00
  if (exponent <= 0) {
    if (exponent < -10) return sign
    const m = (mantissa | 0x800000) >> (1 - exponent)
    return sign | ((m + 0x1000) >> 13)
  }
  return (sign | (exponent << 10) | (mantissa >> 13)) + ((mantissa >> 12) & 1)
}

/**
 * Writes tensors as a safetensors file in the given dtype (F16/BF16 round to nearest). Used by tests and
 * tools that produce adapters and Hugging Face folders.
 *
 * @example
 * writeFileSync('adapter_model.safetensors', writeSafetensors({ w: { shape: [2, 2], data } }))
 */
export function writeSafetensors(
  tensors: Record<string, { shape: number[]; data: Float32Array }>,
  dtype: SafetensorsDtype = 'F32',
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {}
  let offset = 0
  const names = Object.keys(tensors).sort()
  for (const name of names) {
    const size = tensors[name]!.data.length * bytesPer[dtype]
    header[name] = { dtype, shape: tensors[name]!.shape, data_offsets: [offset, offset + size] }
    offset += size
  }
  let json = JSON.stringify(header)
  json += ' '.repeat((8 - ((json.length + 8) % 8)) % 8)
  const headerBytes = new TextEncoder().encode(json)
  const out = new Uint8Array(8 + headerBytes.length + offset)
  const view = new DataView(out.buffer)
  view.setBigUint64(0, BigInt(headerBytes.length), true)
  out.set(headerBytes, 8)
  let at = 8 + headerBytes.length
  for (const name of names) {
    const data = tensors[name]!.data
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!
      if (dtype === 'F32') view.setFloat32(at + i * 4, v, true)
      else if (dtype === 'F16') view.setUint16(at + i * 2, floatToHalf(v), true)
      else view.setUint16(at + i * 2, bf16Of(v), true)
    }
    at += data.length * bytesPer[dtype]
  }
  return out
}

function bf16Of(value: number): number {
  const x = new Uint32Array(new Float32Array([value]).buffer)[0]!
  if (Number.isNaN(value)) return 0x7fc0
  return ((x + 0x7fff + ((x >> 16) & 1)) >>> 16) & 0xffff
}
