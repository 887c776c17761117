/**
 * A copy of `vector` scaled to unit length (so the dot product of two is their cosine); the zero vector stays
 * zero.
 *
 * @example
 * l2Normalize(new Float32Array([3, 4])) // Float32Array [0.6, 0.8]
 */
export function l2Normalize(vector: Float32Array): Float32Array {
  let sum = 0
  for (const value of vector) sum += value * value
  const norm = Math.sqrt(sum)
  const out = new Float32Array(vector.length)
  if (norm === 0) return out
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm
  return out
}
