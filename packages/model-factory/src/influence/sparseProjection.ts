import { createRandom } from '@openledger/lora-host'
import { InfluenceInputError } from './errors.js'

export type SparseProjectionParameters = {
  /** The length of the vectors projected (every LoRA parameter). */
  dim: number
  /** The projected dimension. */
  k: number
  seed: number
  /** Non-zeros per input coordinate (default 4). */
  sparsity?: number
}

/** A fixed random linear map R: ℝ^dim → ℝ^k; ⟨Rx, Ry⟩ estimates ⟨x, y⟩ without bias. */
export type SparseProjection = Required<SparseProjectionParameters> & {
  project(x: ArrayLike<number>): Float32Array
}

/**
 * A sparse Johnson–Lindenstrauss projection (Kane & Nelson): each input coordinate goes to `sparsity` of the
 * k outputs with random signs, scaled by 1/√sparsity. It preserves inner products in expectation like TRAK's
 * dense Gaussian projection, at O(dim · sparsity) per vector instead of O(dim · k). Same seed, same map.
 *
 * @example
 * const projection = createSparseProjection({ dim: grads.length, k: 256, seed: 1 })
 * const feature = projection.project(grads)
 */
export function createSparseProjection(parameters: SparseProjectionParameters): SparseProjection {
  const { dim, k, seed, sparsity = 4 } = parameters
  if (!Number.isInteger(k) || k < 1) throw new InfluenceInputError(`k is ${k}; expected a positive integer`)
  if (sparsity < 1 || sparsity > k) throw new InfluenceInputError(`sparsity is ${sparsity}; expected 1 to k`)
  const random = createRandom(seed)
  const buckets = new Int32Array(dim * sparsity)
  const signs = new Float32Array(dim * sparsity)
  const scale = 1 / Math.sqrt(sparsity)
  for (let j = 0; j < dim; j++) {
    // Distinct buckets per coordinate (sampling without replacement), each with a random sign.
    const chosen = new Set<number>()
    for (let s = 0; s < sparsity; s++) {
      let bucket = Math.floor(random() * k)
      while (chosen.has(bucket)) bucket = (bucket + 1) % k
      chosen.add(bucket)
      buckets[j * sparsity + s] = bucket
      signs[j * sparsity + s] = random() < 0.5 ? -scale : scale
    }
  }
  return {
    dim,
    k,
    seed,
    sparsity,
    project(x) {
      if (x.length !== dim)
        throw new InfluenceInputError(`a vector of ${x.length}; the projection takes ${dim}`)
      const out = new Float32Array(k)
      for (let j = 0; j < dim; j++) {
        const v = x[j]!
        if (v === 0) continue
        for (let s = 0; s < sparsity; s++) out[buckets[j * sparsity + s]!]! += signs[j * sparsity + s]! * v
      }
      return out
    },
  }
}
