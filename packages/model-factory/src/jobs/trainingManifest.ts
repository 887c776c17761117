import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Hex, isHex, size } from 'viem'
import { z } from 'zod'
import { InvalidTrainingManifestError } from './errors.js'

export const TRAINING_MANIFEST = 'training.json'

const bytes32 = z
  .string()
  .refine((value) => isHex(value, { strict: true }) && size(value as Hex) === 32, 'must be 32 bytes of hex')
  .transform((value) => value.toLowerCase() as Hex)

const manifestSchema = z.object({
  version: z.literal(1),
  adapterSha256: bytes32,
  baseModel: z.object({ id: z.string(), sha256: bytes32 }),
  datanets: z
    .array(z.object({ chainId: z.number().int(), registry: z.string(), datanetId: z.string() }))
    .min(1),
  rowIds: z.array(bytes32).min(1),
  trainingRowsRoot: bytes32,
  seed: z.number().int(),
  options: z.record(z.string(), z.unknown()),
  baseEvalLoss: z.number(),
  bestEvalLoss: z.number(),
  bestStep: z.number().int(),
  stepsRun: z.number().int(),
})

/**
 * What `training.json` beside a trained adapter records: enough to register its lineage (row ids, datanets,
 * base model) and to say how it was trained (seed, options, losses). Datanet ids are decimal strings.
 */
export type TrainingManifest = z.output<typeof manifestSchema>

/**
 * Reads and validates `<dir>/training.json`; a missing or malformed one is `InvalidTrainingManifestError`.
 *
 * @example
 * const { rowIds, datanets, baseModel } = readTrainingManifest('.openledger/adapters/frog')
 */
export function readTrainingManifest(dir: string): TrainingManifest {
  const path = join(dir, TRAINING_MANIFEST)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new InvalidTrainingManifestError(path, (error as Error).message.split('\n')[0]!, error)
  }
  const parsed = manifestSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new InvalidTrainingManifestError(path, `${issue?.path.join('.') || 'file'} ${issue?.message}`)
}
