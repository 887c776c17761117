import type { Context } from '../../context.js'
import { findBaseModel } from '../../models.js'

/** The default base model: stories260K, found as `findBaseModel` looks for it. */
export function defaultModelPath(context: Context): string {
  return findBaseModel(context.env).path
}
