import type { SeedAdapter } from '@openledger/agent-runtime'
import type { DatanetRow } from '@openledger/datanets'
import type { BaseModel } from '@openledger/lora-host'
import { tokenizeRow } from '@openledger/model-factory'
import type { ProvisionTraining } from '../types.js'

/** The settings one adapter is trained with: what a reused adapter's `training.json` must also say. */
export type TrainingSettings = {
  rank: number
  steps: number
  seed: number
  seqLen: number
  batch: number | undefined
  lr: number | undefined
  evalEvery: number | undefined
  patience: number | undefined
}

const DEFAULT_RANK = 8
const DEFAULT_SEED = 42

/**
 * The settings for training on `rows`: the given ones, with `seqLen` by default just long enough for the
 * longest row (rounded up to 16 tokens, at most the model's context), so no seed row is too long and short
 * rows do not pay for padding.
 */
export function trainingSettings(
  model: Pick<BaseModel, 'tokenizer' | 'weights'>,
  rows: readonly DatanetRow[],
  parameters: { steps: number; training: ProvisionTraining; adapter?: SeedAdapter['training'] },
): TrainingSettings {
  const { training, steps } = parameters
  const maxSeqLen = model.weights.config.maxSeqLen
  const longest = Math.max(
    2,
    ...rows.map((row) => tokenizeRow(model.tokenizer, row.content).tokens.length - 1),
  )
  const seqLen = training.seqLen ?? Math.min(maxSeqLen, Math.ceil(longest / 16) * 16)
  return {
    rank: training.rank ?? DEFAULT_RANK,
    steps,
    seed: training.seed ?? DEFAULT_SEED,
    seqLen,
    batch: training.batch,
    lr: parameters.adapter?.lr ?? training.lr,
    evalEvery: parameters.adapter?.evalEvery,
    patience: parameters.adapter?.patience,
  }
}
