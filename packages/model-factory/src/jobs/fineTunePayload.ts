import { loraModules } from '@openledger/lora-host'
import { getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { InvalidFineTunePayloadError } from './errors.js'

/** The largest rank by default: lora-host's default `maxRank`. */
export const DEFAULT_MAX_RANK = 16

/** The most training steps one job may take by default (a bound on what one request can occupy the worker with). */
export const DEFAULT_MAX_STEPS = 10_000

/** The bounds a payload is checked against: the host's largest rank, and the most steps a job may take. */
export type FineTunePayloadBounds = { maxRank?: number; maxSteps?: number }

/** A fine-tune job as queued and as `POST /v1/fine-tunes` takes it (JSON: the datanet id is a decimal string). */
export type FineTunePayload = z.output<ReturnType<typeof fineTunePayloadSchema>>

/** The zod schema of a fine-tune payload; `rank` from 1 to `maxRank`, `steps` (and `evalEvery`) from 1 to `maxSteps`. */
export function fineTunePayloadSchema(maxRank = DEFAULT_MAX_RANK, maxSteps = DEFAULT_MAX_STEPS) {
  const positive = (max: number) => z.number().int().min(1).max(max)
  const stepCount = () => {
    const message = `must be an integer from 1 to ${maxSteps} (the most steps a job may take)`
    return z.number({ error: message }).int(message).min(1, message).max(maxSteps, message)
  }
  return z.strictObject({
    datanet: z.strictObject({
      chainId: z.number().int().positive(),
      registry: z
        .string()
        .refine((value) => isAddress(value, { strict: false }), 'must be an address')
        .transform((value) => getAddress(value)),
      datanetId: z.string().regex(/^[1-9]\d{0,77}$/, 'must be a positive decimal integer'),
    }),
    rank: z
      .number({ error: `must be an integer from 1 to ${maxRank} (the host's maximum)` })
      .int(`must be an integer from 1 to ${maxRank} (the host's maximum)`)
      .min(1, `must be an integer from 1 to ${maxRank} (the host's maximum)`)
      .max(maxRank, `must be an integer from 1 to ${maxRank} (the host's maximum)`),
    steps: stepCount(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    modules: z.array(z.enum(loraModules)).min(1).optional(),
    seqLen: z.number().int().min(2).max(65_536).optional(),
    batch: positive(4_096).optional(),
    lr: z.number().positive().max(1).optional(),
    /** Evaluate on the held-out rows every N steps (and at the end); the adapter kept is the best evaluated. */
    evalEvery: stepCount().optional(),
    /** Stop after this many evaluations without improvement (0: never stop early). */
    patience: z.number().int().min(0).max(1_000_000).optional(),
    outputDir: z.string().min(1),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be letters, digits, ".", "_" or "-" (a folder name)')
      .optional(),
  })
}

/**
 * Validates a fine-tune payload; the first problem is an `InvalidFineTunePayloadError` naming its field
 * (e.g. `rank`, `datanet.datanetId`, `steps` over `maxSteps`).
 *
 * @example
 * const payload = parseFineTunePayload(request.body, { maxRank: 16 })
 */
export function parseFineTunePayload(
  data: unknown,
  { maxRank = DEFAULT_MAX_RANK, maxSteps = DEFAULT_MAX_STEPS }: FineTunePayloadBounds = {},
): FineTunePayload {
  const parsed = fineTunePayloadSchema(maxRank, maxSteps).safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.join('.') || 'payload'
  if (issue?.code === 'unrecognized_keys')
    throw new InvalidFineTunePayloadError(field, `has unknown keys ${issue.keys.join(', ')}`)
  const message = issue?.message ?? 'is invalid'
  // Our own messages read after the field ("rank must be …"); zod's are quoted after "is invalid:".
  throw new InvalidFineTunePayloadError(
    field,
    message.startsWith('must ') ? message : `is invalid: ${message}`,
  )
}
