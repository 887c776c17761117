import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Env } from './env.js'

/** The base model the stack serves and trains on. */
export const BASE_MODEL = 'stories260K'

export type BaseModelLookup = {
  /** Where the model is, or where it was first looked for when it is nowhere. */
  path: string
  found: boolean
  /** Every folder looked in, in order. */
  searched: string[]
}

/**
 * Finds the base model folder: in `OPENLEDGER_MODELS` when set (and only there: a variable that names the
 * wrong folder is an error, not a fallback), else in `$OPENLEDGER_HOME/models`, then in `../shared/models`
 * beside the checkout.
 */
export function findBaseModel(env: Env, name: string = BASE_MODEL): BaseModelLookup {
  const configured = env.OPENLEDGER_MODELS ?? env.OPENLEDGER_MODELS_DIR
  const searched = configured
    ? [configured]
    : [join(env.OPENLEDGER_HOME, 'models'), join('..', 'shared', 'models')]
  const at = searched.map((dir) => join(dir, name))
  const found = at.find((path) => existsSync(path))
  return { path: found ?? at[0]!, found: found !== undefined, searched }
}

/** What to tell someone whose base model is missing: where it was looked for and how to get it. */
export function missingModelMessage(lookup: BaseModelLookup, name: string = BASE_MODEL): string {
  return (
    `No base model ${name} in ${lookup.searched.join(' or ')}. Copy the ${name} folder (stories260K.bin, ` +
    'tok512.bin and tok512.model from karpathy/tinyllamas, as ../shared/models/README.md describes) into ' +
    `${join('.openledger', 'models')}/, or set OPENLEDGER_MODELS to the folder that holds it.`
  )
}
