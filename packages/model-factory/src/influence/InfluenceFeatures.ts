import type { Address, Hex } from 'viem'
import type { TrainingCheckpoint } from '../train/fineTune.js'

/** One training row the features describe. */
export type InfluenceRow = { rowId: Hex; datanetId: bigint; contributor: Address }

/**
 * Gradient features of an adapter's training rows, stored beside the adapter: for each checkpoint c and row i,
 * the projected gradient φ_{c,i} of the row's loss (k floats), and what is needed to project an answer's
 * gradient the same way (the checkpoint adapters, the projection's seed, the graph settings).
 */
export type InfluenceFeatures = {
  rows: InfluenceRow[]
  k: number
  seed: number
  sparsity: number
  /** The LoRA settings the checkpoints were trained with. */
  training: { rank: number; alpha: number; modules: string[]; seqLen: number }
  checkpoints: TrainingCheckpoint[]
  /** [checkpoint][row][k], flat. */
  features: Float32Array
}

/** φ_{c,i} as a view. */
export function featureOf(features: InfluenceFeatures, checkpoint: number, row: number): Float32Array {
  const { k, rows } = features
  const start = (checkpoint * rows.length + row) * k
  return features.features.subarray(start, start + k)
}
