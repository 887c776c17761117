import { join } from 'node:path'
import { type BaseModel, adapterSha256 as contentAddressOf } from '@openledger/lora-host'
import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { computeInfluenceFeatures } from '../influence/computeInfluenceFeatures.js'
import { trainingRowsTree } from '../lineage/trainingRowsTree.js'
import {
  FineTuneCancelledError,
  type InvalidFineTuneError,
  type NoTrainingDataError,
  type SequenceTooLongError,
} from '../train/errors.js'
import { type FineTuneOptions, type FineTuneProgress, fineTune } from '../train/fineTune.js'
import { peftAdapterFiles } from '../train/peftAdapterFiles.js'
import type { AdapterOutputExistsError } from './errors.js'
import { DEFAULT_MAX_RANK, type FineTunePayload } from './fineTunePayload.js'
import { loadTrainingSequences } from './loadTrainingSequences.js'
import type { TrainingManifest } from './trainingManifest.js'
import { writeTrainedAdapter } from './writeTrainedAdapter.js'

/** Training snapshots kept for influence (TracIn-CP): the bench's 4-contributor task ranks sources best with 3. */
const INFLUENCE_CHECKPOINTS = 3

export type RunFineTuneJobParameters = {
  store: StoreSession
  model: BaseModel
  payload: FineTunePayload
  /** The largest rank the serving host accepts (default 16). */
  maxRank?: number
  onProgress?: (progress: FineTuneProgress) => void
  signal?: AbortSignal
}

export type RunFineTuneJobReturnType = {
  adapterDir: string
  /** The adapter's content address: `0x` + lora-host's `adapterSha256`. */
  adapterSha256: Hex
  /** The rows trained on (training and held out), lowercased and sorted. */
  rowIds: Hex[]
  datanetIds: bigint[]
  trainingRowsRoot: Hex
  baseEvalLoss: number
  bestEvalLoss: number
  stepsRun: number
}

export type RunFineTuneJobErrorType =
  | NoTrainingDataError
  | SequenceTooLongError
  | InvalidFineTuneError
  | FineTuneCancelledError
  | AdapterOutputExistsError

/**
 * Runs one fine-tune: loads the datanet's accepted rows from the store, tokenizes them, trains a LoRA adapter
 * on the base model and writes it, with `training.json` and the training rows' influence features
 * (`influence.json`, `influence.f32`, the checkpoint adapters), to `<outputDir>/<name>` (default: its sha256)
 * in one rename. A cancel (`signal`) writes nothing and throws `FineTuneCancelledError`.
 *
 * @example
 * const { adapterDir, adapterSha256 } = await runFineTuneJob({
 *   store,
 *   model: await loadBaseModel(stories260KDir),
 *   payload: { datanet: { chainId: 31337, registry, datanetId: '1' }, rank: 8, steps: 200, outputDir: 'adapters' },
 * })
 */
export async function runFineTuneJob(
  parameters: RunFineTuneJobParameters,
): Promise<RunFineTuneJobReturnType> {
  const { store, model, payload, onProgress, signal } = parameters
  const datanet = {
    chainId: payload.datanet.chainId,
    registry: payload.datanet.registry,
    datanetId: BigInt(payload.datanet.datanetId),
  }
  const { rows, sequences } = await loadTrainingSequences(store, model.tokenizer, datanet)
  const options: FineTuneOptions = {
    rank: payload.rank,
    maxRank: parameters.maxRank ?? DEFAULT_MAX_RANK,
    steps: payload.steps,
    ...(payload.seed === undefined ? {} : { seed: payload.seed }),
    ...(payload.modules === undefined ? {} : { modules: payload.modules }),
    ...(payload.seqLen === undefined ? {} : { seqLen: payload.seqLen }),
    ...(payload.batch === undefined ? {} : { batch: payload.batch }),
    ...(payload.lr === undefined ? {} : { lr: payload.lr }),
    ...(payload.evalEvery === undefined ? {} : { evalEvery: payload.evalEvery }),
    ...(payload.patience === undefined ? {} : { patience: payload.patience }),
    // Snapshots along the trajectory, for TracIn-style influence features stored beside the adapter.
    checkpoints: INFLUENCE_CHECKPOINTS,
  }
  const result = await fineTune({
    weights: model.weights,
    sequences,
    rowIds: rows.map((row) => row.rowId),
    options,
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
  })
  if (signal?.aborted) throw new FineTuneCancelledError(result.stepsRun)
  const files = peftAdapterFiles({ result, config: model.weights.config, baseModel: model.id })
  const adapterSha256: Hex = `0x${contentAddressOf(files)}`
  const rowIds = rows.map((row) => row.rowId.toLowerCase() as Hex).sort()
  const { root } = trainingRowsTree(rowIds)
  const manifest: TrainingManifest = {
    version: 1,
    adapterSha256,
    baseModel: { id: model.id, sha256: `0x${model.sha256}` },
    datanets: [{ ...payload.datanet }],
    rowIds,
    trainingRowsRoot: root,
    seed: payload.seed ?? 42,
    options: { ...options, rank: result.rank, alpha: result.alpha, modules: result.modules },
    baseEvalLoss: result.baseEvalLoss,
    bestEvalLoss: result.bestEvalLoss,
    bestStep: result.bestStep,
    stepsRun: result.stepsRun,
  }
  // Influence features of the rows the adapter learned from (held-out rows were never trained on).
  const influence = await computeInfluenceFeatures({
    weights: model.weights,
    result,
    seqLen: options.seqLen ?? 128,
    rows: result.split.train.map((i) => ({
      rowId: rows[i]!.rowId,
      datanetId: datanet.datanetId,
      contributor: rows[i]!.contributor,
    })),
    sequences: result.split.train.map((i) => sequences[i]!),
  })
  if (signal?.aborted) throw new FineTuneCancelledError(result.stepsRun)
  const adapterDir = join(payload.outputDir, payload.name ?? adapterSha256.slice(2))
  writeTrainedAdapter(adapterDir, files, manifest, influence)
  return {
    adapterDir,
    adapterSha256,
    rowIds,
    datanetIds: [datanet.datanetId],
    trainingRowsRoot: root,
    baseEvalLoss: result.baseEvalLoss,
    bestEvalLoss: result.bestEvalLoss,
    stepsRun: result.stepsRun,
  }
}
