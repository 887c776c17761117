import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BaseError } from '@openledger/errors'
import { readSafetensors, writeSafetensors } from '@openledger/lora-host'
import { getAddress, type Hex } from 'viem'
import { z } from 'zod'
import type { LoraState } from '../train/TrainingSession.js'
import type { InfluenceFeatures } from './InfluenceFeatures.js'

const META = 'influence.json'
const FEATURES = 'influence.f32'
const CHECKPOINTS = 'influence-checkpoints.safetensors'

/** Influence files that are missing, truncated or inconsistent. */
export class InfluenceFilesError extends BaseError {
  override name = 'InfluenceFilesError'
  constructor(dir: string, reason: string) {
    super(`The influence features in ${dir} are unusable: ${reason}.`, {
      metaMessages: ['Recompute them from the adapter and its training rows (computeInfluenceFeatures).'],
    })
  }
}

const metaSchema = z.object({
  version: z.literal(1),
  k: z.number().int().positive(),
  seed: z.number().int(),
  sparsity: z.number().int().positive(),
  training: z.object({
    rank: z.number().int().positive(),
    alpha: z.number().positive(),
    modules: z.array(z.string()).min(1),
    seqLen: z.number().int().positive(),
  }),
  checkpoints: z
    .array(z.object({ step: z.number().int().nonnegative(), lr: z.number().nonnegative() }))
    .min(1),
  rows: z.array(
    z.object({
      rowId: z.string().regex(/^0x[0-9a-f]{64}$/),
      datanetId: z.string().regex(/^\d+$/),
      contributor: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    }),
  ),
})

/**
 * Writes influence features beside an adapter: `influence.json` (rows, settings), `influence.f32` (the
 * features, little-endian float32) and `influence-checkpoints.safetensors` (the checkpoint adapters). Each file
 * is written to a temporary name and renamed, so a reader never sees half of one.
 *
 * @example
 * writeInfluenceFeatures(adapterDir, features)
 */
export function writeInfluenceFeatures(dir: string, features: InfluenceFeatures): void {
  mkdirSync(dir, { recursive: true })
  const meta = {
    version: 1,
    k: features.k,
    seed: features.seed,
    sparsity: features.sparsity,
    training: features.training,
    checkpoints: features.checkpoints.map(({ step, lr }) => ({ step, lr })),
    rows: features.rows.map((r) => ({
      rowId: r.rowId.toLowerCase(),
      datanetId: r.datanetId.toString(),
      contributor: r.contributor,
    })),
  }
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {}
  for (const [c, checkpoint] of features.checkpoints.entries())
    for (const [name, value] of checkpoint.state)
      tensors[`${c}.${name}`] = { shape: [value.length], data: Float32Array.from(value) }
  const atomically = (file: string, bytes: Uint8Array | string) => {
    writeFileSync(join(dir, `${file}.partial`), bytes)
    renameSync(join(dir, `${file}.partial`), join(dir, file))
  }
  atomically(
    FEATURES,
    new Uint8Array(features.features.buffer, features.features.byteOffset, features.features.byteLength),
  )
  atomically(CHECKPOINTS, writeSafetensors(tensors, 'F32', { format: 'pt' }))
  atomically(META, `${JSON.stringify(meta, null, 2)}\n`)
}

/** Whether `dir` holds influence features. */
export const hasInfluenceFeatures = (dir: string) => existsSync(join(dir, META))

/**
 * Reads features written by `writeInfluenceFeatures`, checking every file against the others.
 *
 * @example
 * const features = readInfluenceFeatures(adapterDir)
 */
export function readInfluenceFeatures(dir: string): InfluenceFeatures {
  let meta: z.output<typeof metaSchema>
  try {
    const parsed = metaSchema.safeParse(JSON.parse(readFileSync(join(dir, META), 'utf8')))
    if (!parsed.success)
      throw new InfluenceFilesError(
        dir,
        `${META}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
      )
    meta = parsed.data
  } catch (error) {
    if (error instanceof InfluenceFilesError) throw error
    throw new InfluenceFilesError(dir, `${META} cannot be read (${(error as Error).message})`)
  }
  const bytes = readFileSync(join(dir, FEATURES))
  const expected = meta.checkpoints.length * meta.rows.length * meta.k * 4
  if (bytes.byteLength !== expected)
    throw new InfluenceFilesError(dir, `${FEATURES} has ${bytes.byteLength} bytes; expected ${expected}`)
  const features = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  const tensors = readSafetensors(readFileSync(join(dir, CHECKPOINTS)), CHECKPOINTS)
  const checkpoints = meta.checkpoints.map(({ step, lr }, c) => {
    const state: LoraState = new Map()
    for (const [key, tensor] of tensors)
      if (key.startsWith(`${c}.`)) state.set(key.slice(`${c}.`.length), tensor.data)
    if (state.size === 0) throw new InfluenceFilesError(dir, `checkpoint ${c} has no matrices`)
    return { step, lr, state }
  })
  return {
    rows: meta.rows.map((r) => ({
      rowId: r.rowId as Hex,
      datanetId: BigInt(r.datanetId),
      contributor: getAddress(r.contributor),
    })),
    k: meta.k,
    seed: meta.seed,
    sparsity: meta.sparsity,
    training: meta.training,
    checkpoints,
    features,
  }
}
