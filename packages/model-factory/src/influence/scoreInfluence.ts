import type { TokenSequence, TrainingSession } from '../train/TrainingSession.js'
import { featureOf, type InfluenceFeatures } from './InfluenceFeatures.js'
import { projectGradients } from './projectGradients.js'
import { createSparseProjection } from './sparseProjection.js'

/**
 * How much each training row raised the likelihood of `answer` (TracIn-CP over the stored checkpoints):
 * score_i = Σ_c lr_c cos(φ_c(answer), φ_{c,i}), where φ is the projected gradient of a sequence's loss (the
 * answer's loss counts only its answer tokens). Cosine rather than the raw dot product (as LESS does), so a row
 * is not ranked high for being long or badly fit, and scores of different answers share a scale. Positive:
 * training on the row lowered the answer's loss. `session` must be a batch-1 session of the features' settings.
 *
 * @example
 * const scores = await scoreInfluence(session, features, { tokens, lossMask })
 */
export async function scoreInfluence(
  session: TrainingSession,
  features: InfluenceFeatures,
  answer: TokenSequence,
  /** Unit-normalise both sides (cosine, as LESS does: the default), the rows' features only, or neither. */
  normalize: 'both' | 'rows' | 'none' = 'both',
): Promise<Float64Array> {
  const dim = session.matrices.reduce((n, m) => n + m.shape[0]! * m.shape[1]!, 0)
  const projection = createSparseProjection({
    dim,
    k: features.k,
    seed: features.seed,
    sparsity: features.sparsity,
  })
  const scores = new Float64Array(features.rows.length)
  for (const [c, checkpoint] of features.checkpoints.entries()) {
    const [test] = await projectGradients(session, checkpoint.state, [answer], projection)
    let testNorm = 1
    if (normalize === 'both') testNorm = Math.sqrt(test!.reduce((s, x) => s + x * x, 0)) || 1
    for (let i = 0; i < features.rows.length; i++) {
      const phi = featureOf(features, c, i)
      let dot = 0
      let norm = 0
      for (let j = 0; j < features.k; j++) {
        dot += test![j]! * phi[j]!
        norm += phi[j]! * phi[j]!
      }
      // A row's gradient points uphill on its own loss; descending it lowers the answer's loss when the two
      // gradients agree, so agreement (a positive dot product) is positive influence.
      const rowNorm = normalize === 'none' ? 1 : Math.sqrt(norm)
      if (rowNorm > 0) scores[i]! += (checkpoint.lr * dot) / rowNorm / testNorm
    }
  }
  return scores
}
