import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { SeedAdapter } from '@openledger/agent-runtime'
import type { ChainConnection } from '@openledger/chain'
import { type Datanet, listRows } from '@openledger/datanets'
import type { LoraHost } from '@openledger/lora-host'
import {
  type FineTuneProgress,
  getAdapterLineage,
  type LineageContracts,
  parseFineTunePayload,
  registerAdapterLineage,
  runFineTuneJob,
  type TrainingManifest,
  trainingRowsTree,
} from '@openledger/model-factory'
import type { StoreSession } from '@openledger/store'
import type { Hex, LocalAccount } from 'viem'
import { AdapterNotWrittenError, AdapterRevokedError } from '../errors.js'
import type { ProvisionedAdapter, ProvisionTraining } from '../types.js'
import { findReusableAdapter } from './findReusableAdapter.js'
import { trainingSettings } from './trainingSettings.js'

export type EnsureAdapterParameters = {
  host: Pick<LoraHost, 'model' | 'registerAdapter' | 'limits'>
  contracts: LineageContracts
  /** Registers the lineage: the adapter's creator in the ModelRegistry. */
  creator: LocalAccount
  datanet: Datanet
  role: string
  /** The adapter's id in the host's registry and its folder's name under `trainedDirectory`. */
  name: string
  steps: number
  training: ProvisionTraining
  /** The agent package's own settings for this adapter (they win over `training`). */
  adapterTraining?: SeedAdapter['training']
  /**
   * Where trained folders (PEFT files, `training.json`, influence features) live: not the host's registry
   * folder, whose `blobs/` and `index.jsonl` a folder named after an adapter could collide with.
   */
  trainedDirectory: string
  onProgress?: ((line: string) => void) | undefined
  onTrainingProgress?: ((progress: FineTuneProgress) => void) | undefined
}

/**
 * One adapter, servable and attributable: trained by ModelFactory on the datanet's accepted rows unless a
 * folder trained on the same rows with the same settings exists, registered with the model host under its
 * name (the host copies it into its registry; the same content again is a no-op), and its lineage in the
 * ModelRegistry unless already there.
 */
export async function ensureAdapter(
  connection: ChainConnection,
  store: StoreSession,
  parameters: EnsureAdapterParameters,
): Promise<ProvisionedAdapter> {
  const { host, datanet, name, trainedDirectory, onProgress } = parameters
  const rows = await listRows(store, { datanet, status: 'accepted', limit: 1_000_000 })
  const rowIds = rows.map((row) => row.rowId.toLowerCase() as Hex).sort()
  const { root } = trainingRowsTree(rowIds)
  const settings = trainingSettings(host.model, rows, {
    steps: parameters.steps,
    training: parameters.training,
    adapter: parameters.adapterTraining,
  })
  const dir = join(trainedDirectory, name)
  let manifest = await findReusableAdapter(dir, {
    datanet,
    trainingRowsRoot: root,
    model: host.model,
    settings,
  })
  const trained = manifest === undefined
  if (!manifest) {
    onProgress?.(`  training adapter ${name} (${settings.steps} steps on ${rows.length} rows)`)
    // What is there was trained otherwise (or half-written): it is replaced, not served.
    rmSync(dir, { recursive: true, force: true })
    const payload = parseFineTunePayload(
      {
        datanet: {
          chainId: datanet.chainId,
          registry: datanet.registry,
          datanetId: datanet.datanetId.toString(),
        },
        rank: settings.rank,
        steps: settings.steps,
        seed: settings.seed,
        seqLen: settings.seqLen,
        ...(settings.batch === undefined ? {} : { batch: settings.batch }),
        ...(settings.lr === undefined ? {} : { lr: settings.lr }),
        ...(settings.evalEvery === undefined ? {} : { evalEvery: settings.evalEvery }),
        ...(settings.patience === undefined ? {} : { patience: settings.patience }),
        outputDir: trainedDirectory,
        name,
      },
      { maxRank: host.limits.maxRank },
    )
    await runFineTuneJob({
      store,
      model: host.model,
      payload,
      maxRank: host.limits.maxRank,
      ...(parameters.onTrainingProgress ? { onProgress: parameters.onTrainingProgress } : {}),
    })
    manifest = await findReusableAdapter(dir, {
      datanet,
      trainingRowsRoot: root,
      model: host.model,
      settings,
    })
    if (!manifest) throw new AdapterNotWrittenError(dir)
  }
  await host.registerAdapter({ name, dir, replace: true })
  const registeredOnChain = await ensureLineage(connection, parameters, manifest, dir)
  return {
    role: parameters.role,
    name,
    sha256: manifest.adapterSha256,
    dir,
    trainingRowsRoot: manifest.trainingRowsRoot,
    trained,
    registeredOnChain,
  }
}

async function ensureLineage(
  connection: ChainConnection,
  parameters: EnsureAdapterParameters,
  manifest: TrainingManifest,
  dir: string,
): Promise<boolean> {
  const { contracts, creator, name } = parameters
  const adapterSha256 = manifest.adapterSha256
  const lineage = await getAdapterLineage(connection, contracts, { adapterSha256 })
  if (lineage?.revoked) throw new AdapterRevokedError(name, adapterSha256)
  if (lineage) return false
  await registerAdapterLineage(connection, contracts, {
    account: creator,
    adapterSha256,
    baseModelSha256: manifest.baseModel.sha256,
    rowIds: manifest.rowIds,
    datanetIds: manifest.datanets.map((d) => BigInt(d.datanetId)),
    uri: `file://${dir}`,
  })
  return true
}
