import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import { z } from 'zod'
import { ProvisionStateError } from '../errors.js'

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), 'must be an address')
  .transform((value) => getAddress(value))
const codeHash = z
  .string()
  .refine((value) => isHex(value) && value.length === 66, 'must be a 32-byte hash')
  .transform((value) => value.toLowerCase() as Hex)
/** An address with the keccak256 of the runtime code found there at deployment. */
const deployed = z.object({ address, codeHash })

const stateSchema = z.object({
  version: z.literal(1),
  chainId: z.number().int().positive(),
  /** The OpenToken the pools trade: pools of another token are not reused. */
  openToken: address,
  uniswap: z
    .object({
      weth: deployed,
      factory: deployed,
      router: deployed,
      usdc: deployed,
      openWeth: deployed,
      openUsdc: deployed,
    })
    .optional(),
  spendingLimitModule: deployed.optional(),
})

/** A deployed contract as remembered: its address and the hash of its runtime code then. */
export type DeployedContract = { address: Address; codeHash: Hex }

/** What provisioning deployed on one chain, beyond the protocol's manifest. */
export type ProvisionState = z.output<typeof stateSchema>

/**
 * `<home>/deployments/<chainId>.provision.json`, beside the deployment manifest: what provisioning deployed.
 *
 * @example
 * provisionStatePath('.openledger', 31337) // '.openledger/deployments/31337.provision.json'
 */
export function provisionStatePath(home: string, chainId: number): string {
  return join(home, 'deployments', `${chainId}.provision.json`)
}

/**
 * The state provisioning remembered for a chain and OpenToken, or a fresh one when there is none (or it was
 * for another OpenToken). A file that is not JSON of this shape is a `ProvisionStateError`.
 */
export function readProvisionState(path: string, chainId: number, openToken: Address): ProvisionState {
  const fresh: ProvisionState = { version: 1, chainId, openToken: getAddress(openToken) }
  if (!existsSync(path)) return fresh
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ProvisionStateError(path, (error as Error).message.split('\n')[0] ?? 'unreadable', error)
  }
  const parsed = stateSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ProvisionStateError(
      path,
      `${issue?.path.join('.') || 'file'} ${issue?.message ?? 'is invalid'}`,
    )
  }
  const state = parsed.data
  if (state.chainId !== chainId || state.openToken !== fresh.openToken) return fresh
  return state
}

/** Writes the state atomically (a temporary file renamed over it). */
export function writeProvisionState(path: string, state: ProvisionState): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
}
