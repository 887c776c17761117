import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InfluenceFeatures } from '../influence/InfluenceFeatures.js'
import { writeInfluenceFeatures } from '../influence/influenceFiles.js'
import { writePeftAdapter } from '../train/peftAdapterFiles.js'
import { AdapterOutputExistsError } from './errors.js'
import { TRAINING_MANIFEST, type TrainingManifest } from './trainingManifest.js'

/**
 * Writes the PEFT files, `training.json` and (when given) the influence features into `dir` all at once: assembled in a hidden folder beside it and
 * renamed into place, so a crash never leaves an adapter without its manifest. Refuses an existing `dir`.
 */
export function writeTrainedAdapter(
  dir: string,
  files: { config: Uint8Array; weights: Uint8Array },
  manifest: TrainingManifest,
  influence?: InfluenceFeatures,
): void {
  if (existsSync(dir)) throw new AdapterOutputExistsError(dir)
  const parent = join(dir, '..')
  mkdirSync(parent, { recursive: true })
  const staging = mkdtempSync(join(parent, '.training-'))
  try {
    const assembled = join(staging, 'adapter')
    writePeftAdapter(assembled, files)
    writeFileSync(join(assembled, TRAINING_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
    if (influence) writeInfluenceFeatures(assembled, influence)
    if (existsSync(dir)) throw new AdapterOutputExistsError(dir)
    renameSync(assembled, dir)
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}
