import type { LlamaWeights, LoraModule } from '@openledger/lora-host'
import type { FineTuneResult } from '../train/fineTune.js'
import { type TokenSequence, TrainingSession } from '../train/TrainingSession.js'
import { InfluenceInputError } from './errors.js'
import type { InfluenceFeatures, InfluenceRow } from './InfluenceFeatures.js'
import { projectGradients } from './projectGradients.js'
import { createSparseProjection } from './sparseProjection.js'

export type ComputeInfluenceFeaturesParameters = {
  weights: LlamaWeights
  /** The fine-tune, with checkpoints (`options.checkpoints` > 0); without, its final adapter is the one. */
  result: Pick<FineTuneResult, 'rank' | 'alpha' | 'modules' | 'checkpoints' | 'state'>
  seqLen: number
  /** Every training row, in the order of `sequences`. */
  rows: readonly InfluenceRow[]
  sequences: readonly TokenSequence[]
  /** Projected dimension (default 1024: on the facts benchmark 256 ranks contributors a little worse). */
  k?: number
  seed?: number
}

/**
 * Per-row gradient features for influence (TRAK / LoGra style): at each training checkpoint, the gradient of
 * every row's loss with respect to the LoRA matrices, randomly projected to k dimensions. Stored beside the
 * adapter, they let `scoreInfluence` rank rows for any answer with one backward pass per checkpoint.
 *
 * @example
 * const features = await computeInfluenceFeatures({ weights, result, seqLen: 128, rows, sequences })
 */
export async function computeInfluenceFeatures(
  parameters: ComputeInfluenceFeaturesParameters,
): Promise<InfluenceFeatures> {
  const { weights, result, seqLen, rows, sequences, k = 1024, seed = 1 } = parameters
  if (rows.length !== sequences.length)
    throw new InfluenceInputError(`${rows.length} rows for ${sequences.length} sequences`)
  const checkpoints =
    result.checkpoints.length > 0 ? result.checkpoints : [{ step: 0, lr: 1, state: result.state }]
  const session = await TrainingSession.create(weights, {
    batch: 1,
    seqLen,
    rank: result.rank,
    alpha: result.alpha,
    modules: result.modules as LoraModule[],
  })
  try {
    const dim = session.matrices.reduce((n, m) => n + m.shape[0]! * m.shape[1]!, 0)
    const projection = createSparseProjection({ dim, k, seed })
    const features = new Float32Array(checkpoints.length * rows.length * k)
    for (const [c, checkpoint] of checkpoints.entries()) {
      const projected = await projectGradients(session, checkpoint.state, sequences, projection)
      for (const [i, phi] of projected.entries()) features.set(phi, (c * rows.length + i) * k)
    }
    return {
      rows: [...rows],
      k,
      seed,
      sparsity: projection.sparsity,
      training: { rank: result.rank, alpha: result.alpha, modules: [...result.modules], seqLen },
      checkpoints,
      features,
    }
  } finally {
    await session.release()
  }
}
