/**
 * `count` little-endian float32 values starting at byte `offset`, copied into a new array (at any alignment).
 * The one place checkpoint bytes become float32 weights: llama2.c tensors and safetensors' F32 tensors.
 *
 * @example
 * const embedding = readFloat32s(bytes, 28, vocabSize * dim)
 */
export function readFloat32s(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Float32Array(count)
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + i * 4, true)
  return out
}
