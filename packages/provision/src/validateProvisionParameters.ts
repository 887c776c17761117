import { accessSync, constants } from 'node:fs'
import { isAbsolute } from 'node:path'
import type { SeedAdapter } from '@openledger/agent-runtime'
import { resolveLicense } from '@openledger/datanets'
import { parseFineTunePayload } from '@openledger/model-factory'
import { isHex, size, zeroAddress } from 'viem'
import { ProvisionInputError, SeedRowsNotFoundError } from './errors.js'
import type { DemoCallerOptions, ProvisionStackParameters } from './types.js'

const packageId = /^[a-z0-9][a-z0-9-]{1,62}$/
const adapterName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/
const roles = ['deployer', 'liquidity', 'funder', 'staker', 'curator', 'user'] as const

/**
 * Checks everything `provisionStack` can check before it changes anything: the chain matches the manifest,
 * every package is well formed (ids and adapter names unique, licenses known, rows files readable), the
 * keys are keys and the numbers are numbers. The first problem throws.
 */
export function validateProvisionParameters(parameters: ProvisionStackParameters): void {
  const { connection, manifest, packages, home, trainingSteps, demoCaller } = parameters
  if (connection.chainId !== manifest.chainId)
    throw new ProvisionInputError(
      'manifest',
      `is for chain ${manifest.chainId}, the connection to chain ${connection.chainId}`,
    )
  if (typeof home !== 'string' || home.length === 0)
    throw new ProvisionInputError('home', 'must be a directory')
  for (const role of roles) {
    const key = parameters.accounts?.[role]
    if (typeof key !== 'string' || !isHex(key, { strict: true }) || size(key) !== 32)
      throw new ProvisionInputError(`accounts.${role}`, 'must be a private key (32 bytes of hex)')
  }
  if (
    trainingSteps !== undefined &&
    typeof trainingSteps !== 'function' &&
    !(Number.isInteger(trainingSteps) && trainingSteps > 0)
  )
    throw new ProvisionInputError(
      'trainingSteps',
      `must be a positive integer or a function, got ${trainingSteps}`,
    )
  if (!Array.isArray(packages) || packages.length === 0)
    throw new ProvisionInputError('packages', 'must list at least one agent package')
  const ids = new Set<string>()
  const adapters = new Map<string, string>()
  for (const [i, agentPackage] of packages.entries()) {
    const where = `packages[${i}]`
    if (typeof agentPackage?.id !== 'string' || !packageId.test(agentPackage.id))
      throw new ProvisionInputError(
        `${where}.id`,
        'must be lowercase letters, digits and dashes, 2 to 63 characters',
      )
    if (ids.has(agentPackage.id)) throw new ProvisionInputError(`${where}.id`, `repeats ${agentPackage.id}`)
    ids.add(agentPackage.id)
    if (typeof agentPackage.create !== 'function' || typeof agentPackage.tools !== 'function')
      throw new ProvisionInputError(`${where}`, 'must have create() and tools() functions')
    checkDatanet(agentPackage.id, agentPackage.datanet, where)
    const entries = Object.entries<SeedAdapter>(agentPackage.adapters ?? {})
    if (entries.length === 0)
      throw new ProvisionInputError(`${where}.adapters`, 'must name at least one role')
    for (const [role, adapter] of entries) {
      const field = `${where}.adapters.${role}`
      if (typeof adapter?.name !== 'string' || !adapterName.test(adapter.name))
        throw new ProvisionInputError(
          `${field}.name`,
          'must be letters, digits, ".", "_" or "-" (a folder name)',
        )
      if (!Number.isInteger(adapter.steps) || adapter.steps < 1)
        throw new ProvisionInputError(`${field}.steps`, `must be a positive integer, got ${adapter.steps}`)
      const owner = adapters.get(adapter.name)
      // Adapter names are global in the host's registry: two packages cannot train different ones under one.
      if (owner !== undefined)
        throw new ProvisionInputError(`${field}.name`, `${adapter.name} is also ${owner}'s`)
      adapters.set(adapter.name, `${agentPackage.id} (${role})`)
    }
  }
  checkTraining(parameters)
  if (demoCaller) checkDemoCaller(demoCaller, ids)
}

/** The training settings as ModelFactory will check them, before any datanet is created. */
function checkTraining(parameters: ProvisionStackParameters): void {
  const { rank = 8, ...rest } = parameters.training ?? {}
  try {
    parseFineTunePayload(
      {
        datanet: { chainId: 1, registry: zeroAddress, datanetId: '1' },
        steps: 1,
        outputDir: parameters.home,
        rank,
        ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
      },
      { maxRank: parameters.host.limits.maxRank },
    )
  } catch (error) {
    if ((error as Error).name !== 'InvalidFineTunePayloadError') throw error
    const { field, shortMessage } = error as { field: string; shortMessage: string }
    const reason = shortMessage.slice(`Invalid fine-tune: ${field} `.length).replace(/\.$/, '')
    throw new ProvisionInputError(`training.${field}`, reason)
  }
}

function checkDemoCaller(demoCaller: DemoCallerOptions, ids: Set<string>): void {
  for (const field of ['prepaidWei', 'chargeCapWei', 'safeOpenWei', 'allowanceWei'] as const) {
    const value = demoCaller[field]
    if (value !== undefined && (typeof value !== 'bigint' || value <= 0n))
      throw new ProvisionInputError(`demoCaller.${field}`, `must be a positive bigint of wei, got ${value}`)
  }
  const { resetPeriod } = demoCaller
  if (resetPeriod !== undefined && !(Number.isSafeInteger(resetPeriod) && resetPeriod >= 0))
    throw new ProvisionInputError('demoCaller.resetPeriod', `must be whole seconds ≥ 0, got ${resetPeriod}`)
  for (const delegate of demoCaller.delegates ?? [])
    if (!ids.has(delegate))
      throw new ProvisionInputError('demoCaller.delegates', `names ${delegate}, which is not a package id`)
}

function checkDatanet(
  id: string,
  datanet: ProvisionStackParameters['packages'][number]['datanet'],
  where: string,
) {
  for (const field of ['name', 'description', 'license', 'rowsFile'] as const)
    if (typeof datanet?.[field] !== 'string' || datanet[field].length === 0)
      throw new ProvisionInputError(`${where}.datanet.${field}`, 'must be a non-empty string')
  try {
    resolveLicense(datanet.license)
  } catch (error) {
    throw new ProvisionInputError(
      `${where}.datanet.license`,
      (error as Error).message.split('\n')[0] ?? 'is unknown',
    )
  }
  if (!isAbsolute(datanet.rowsFile)) throw new SeedRowsNotFoundError(id, datanet.rowsFile)
  try {
    accessSync(datanet.rowsFile, constants.R_OK)
  } catch (error) {
    throw new SeedRowsNotFoundError(id, datanet.rowsFile, error)
  }
}
