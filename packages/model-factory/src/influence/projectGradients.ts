import type { LoraState, TokenSequence, TrainingSession } from '../train/TrainingSession.js'
import { InfluenceInputError } from './errors.js'
import type { SparseProjection } from './sparseProjection.js'

/** Every LoRA gradient of one step, concatenated in the session's matrix order. */
export function flattenGradients(
  session: TrainingSession,
  grads: ReadonlyMap<string, ArrayLike<number>>,
): Float32Array {
  const total = session.matrices.reduce((n, m) => n + m.shape[0]! * m.shape[1]!, 0)
  const flat = new Float32Array(total)
  let offset = 0
  for (const { name } of session.matrices) {
    const g = grads.get(name)!
    flat.set(g, offset)
    offset += g.length
  }
  return flat
}

/**
 * The projected gradient of each sequence's own loss (the mean over its counted tokens) with respect to every
 * LoRA matrix, at `state`: one backward pass per sequence on a batch-1 session.
 *
 * @example
 * const features = await projectGradients(session, state, sequences, projection)
 */
export async function projectGradients(
  session: TrainingSession,
  state: LoraState,
  sequences: readonly TokenSequence[],
  projection: SparseProjection,
): Promise<Float32Array[]> {
  if (session.options.batch !== 1)
    throw new InfluenceInputError('per-example gradients need a batch-1 session')
  const out: Float32Array[] = []
  for (const sequence of sequences) {
    const { grads } = await session.step(state, [sequence])
    out.push(projection.project(flattenGradients(session, grads)))
  }
  return out
}
