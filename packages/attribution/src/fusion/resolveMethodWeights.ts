import { InvalidMethodWeightsError } from './errors.js'
import { type AttributionMethod, attributionMethods } from './types.js'

/**
 * Validates per-method weights (an agent's configuration) and fills the methods left out with 0.
 * Throws `InvalidMethodWeightsError` for an unknown method, a weight that is not a finite number ≥ 0, or
 * weights that are all 0.
 *
 * @example
 * resolveMethodWeights({ span: 2, retrieval: 1 }) // { span: 2, retrieval: 1, influence: 0 }
 */
export function resolveMethodWeights(
  weights: Partial<Record<AttributionMethod, number>>,
): Record<AttributionMethod, number> {
  const resolved: Record<AttributionMethod, number> = { span: 0, retrieval: 0, influence: 0 }
  for (const [method, weight] of Object.entries(weights)) {
    if (!attributionMethods.includes(method as AttributionMethod))
      throw new InvalidMethodWeightsError(`unknown method ${JSON.stringify(method)}`)
    if (weight === undefined) continue
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
      throw new InvalidMethodWeightsError(`${method} has weight ${String(weight)}`)
    resolved[method as AttributionMethod] = weight
  }
  if (attributionMethods.every((m) => resolved[m] === 0))
    throw new InvalidMethodWeightsError('all weights are 0')
  return resolved
}
