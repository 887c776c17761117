import { existsSync } from 'node:fs'
import type { DatanetRef } from '@openledger/datanets'
import { adapterSha256, type BaseModel, readPeftAdapterDir } from '@openledger/lora-host'
import { readTrainingManifest, type TrainingManifest } from '@openledger/model-factory'
import { getAddress, type Hex } from 'viem'
import type { TrainingSettings } from './trainingSettings.js'

/**
 * The trained adapter in `dir` when it was trained exactly as asked now: on the same rows (training rows
 * root) of the same datanet, from the same base model, with the same settings, and its files still hash to
 * what was trained. Otherwise undefined (a missing or unreadable folder included): it must be trained again.
 */
export async function findReusableAdapter(
  dir: string,
  expected: {
    datanet: DatanetRef
    trainingRowsRoot: Hex
    model: Pick<BaseModel, 'sha256'>
    settings: TrainingSettings
  },
): Promise<TrainingManifest | undefined> {
  if (!existsSync(dir)) return undefined
  let manifest: TrainingManifest
  try {
    manifest = readTrainingManifest(dir)
  } catch {
    return undefined
  }
  const { datanet, settings } = expected
  const [trainedOn, ...others] = manifest.datanets
  const options = manifest.options as Record<string, unknown>
  const same =
    others.length === 0 &&
    trainedOn?.chainId === datanet.chainId &&
    getAddress(trainedOn.registry) === getAddress(datanet.registry) &&
    trainedOn.datanetId === datanet.datanetId.toString() &&
    manifest.trainingRowsRoot === expected.trainingRowsRoot.toLowerCase() &&
    manifest.baseModel.sha256 === `0x${expected.model.sha256}`.toLowerCase() &&
    manifest.seed === settings.seed &&
    options.rank === settings.rank &&
    options.steps === settings.steps &&
    options.seqLen === settings.seqLen &&
    options.batch === settings.batch &&
    options.lr === settings.lr &&
    options.evalEvery === settings.evalEvery &&
    options.patience === settings.patience
  if (!same) return undefined
  try {
    const files = await readPeftAdapterDir(dir)
    return `0x${adapterSha256(files)}` === manifest.adapterSha256 ? manifest : undefined
  } catch {
    return undefined
  }
}
