import { BaseError } from '@openledger/errors'
import type { Address } from 'viem'

/**
 * A parameter of `provisionStack` (or of one of its steps) that does not hold; `field` names it.
 *
 * @example
 * if (error instanceof ProvisionInputError) console.error(error.field, error.shortMessage)
 */
export class ProvisionInputError extends BaseError {
  override name = 'ProvisionInputError'
  readonly field: string

  constructor(field: string, problem: string) {
    super(`Cannot provision: ${field} ${problem}.`)
    this.field = field
  }
}

/**
 * An agent package whose seed rows file is missing or unreadable. Checked before anything is created.
 *
 * @example
 * if (error instanceof SeedRowsNotFoundError) console.error(`missing ${error.file}`)
 */
export class SeedRowsNotFoundError extends BaseError {
  override name = 'SeedRowsNotFoundError'
  readonly packageId: string
  readonly file: string

  constructor(packageId: string, file: string, cause?: unknown) {
    super(`Agent package ${packageId}: its datanet's rows file ${file} cannot be read.`, {
      metaMessages: ['datanet.rowsFile must be the absolute path of a JSONL file, one row per line.'],
      cause,
    })
    this.packageId = packageId
    this.file = file
  }
}

/**
 * `provision.json` (the addresses provisioning deployed) exists but is not what provisioning writes.
 *
 * @example
 * if (error instanceof ProvisionStateError) console.error(`delete ${error.path} to redeploy`)
 */
export class ProvisionStateError extends BaseError {
  override name = 'ProvisionStateError'
  readonly path: string

  constructor(path: string, problem: string, cause?: unknown) {
    super(`${path} is not a provisioning state file: ${problem}.`, {
      metaMessages: ['Delete it to let provisioning deploy Uniswap and the spending limit module anew.'],
      cause,
    })
    this.path = path
  }
}

/**
 * An account provisioning pays from holds too little of a token (OPEN, or ether as `ETH`).
 *
 * @example
 * if (error instanceof ProvisionFundsError) console.error(`${error.account} needs ${error.needed}`)
 */
export class ProvisionFundsError extends BaseError {
  override name = 'ProvisionFundsError'
  readonly account: Address
  readonly needed: bigint
  readonly balance: bigint

  constructor(role: string, account: Address, token: string, balance: bigint, needed: bigint) {
    super(`The ${role} account ${account} holds ${balance} ${token} wei; provisioning needs ${needed}.`)
    this.account = account
    this.balance = balance
    this.needed = needed
  }
}

/**
 * An agent still not active after provisioning staked it: it is jailed, paused, or the chain asks more stake.
 *
 * @example
 * if (error instanceof AgentNotActiveError) console.error(error.agentId, error.shortMessage)
 */
export class AgentNotActiveError extends BaseError {
  override name = 'AgentNotActiveError'
  readonly agentId: bigint

  constructor(packageId: string, agentId: bigint, why: string) {
    super(`Agent ${packageId} (AgentRegistry id ${agentId}) is not active after provisioning: ${why}.`)
    this.agentId = agentId
  }
}

/**
 * A trained adapter the ModelRegistry has revoked: provisioning does not serve it, and retraining on the same
 * rows with the same settings would give the same bytes.
 *
 * @example
 * if (error instanceof AdapterRevokedError) console.error(error.adapterSha256)
 */
export class AdapterRevokedError extends BaseError {
  override name = 'AdapterRevokedError'
  readonly adapterSha256: string

  constructor(name: string, adapterSha256: string) {
    super(`Adapter ${name} (${adapterSha256}) is revoked in the ModelRegistry; change its training settings.`)
    this.adapterSha256 = adapterSha256
  }
}

/**
 * One step of provisioning failed; `step` says which (e.g. `defi-assistant: adapter answer`), `cause` why.
 * Every step is idempotent, so running provisioning again resumes where it stopped.
 *
 * @example
 * if (error instanceof ProvisionStepError) console.error(error.step, error.walk())
 */
export class ProvisionStepError extends BaseError {
  override name = 'ProvisionStepError'
  readonly step: string

  constructor(step: string, cause: unknown) {
    const why =
      cause instanceof Error
        ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message)
        : String(cause)
    super(`Provisioning failed at ${step}: ${why.split('\n')[0]}`, {
      metaMessages: ['Every step is idempotent: fix the cause and run provisioning again.'],
      cause,
    })
    this.step = step
  }
}

/**
 * A contract provisioning just deployed has no code at its address (the chain was reset meanwhile, or the RPC
 * answers from another node).
 *
 * @example
 * if (error instanceof DeployedCodeMissingError) console.error(`nothing at ${error.address}`)
 */
export class DeployedCodeMissingError extends BaseError {
  override name = 'DeployedCodeMissingError'
  readonly address: Address

  constructor(address: Address) {
    super(`No code at ${address} right after deploying it.`)
    this.address = address
  }
}

/**
 * ModelFactory finished a fine-tune but no adapter in its output directory matches the settings it was given.
 *
 * @example
 * if (error instanceof AdapterNotWrittenError) console.error(`look in ${error.dir}`)
 */
export class AdapterNotWrittenError extends BaseError {
  override name = 'AdapterNotWrittenError'
  readonly dir: string

  constructor(dir: string) {
    super(`ModelFactory wrote no adapter matching its own settings in ${dir}.`)
    this.dir = dir
  }
}
