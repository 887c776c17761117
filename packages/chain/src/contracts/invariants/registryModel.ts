import type { Address, Hex } from 'viem'
import type { Model } from './model.js'

/** One adapter as the model expects ModelRegistry to hold it (undefined creator: not registered). */
export type ModelAdapter = {
  creator: Address | undefined
  commitBlock: bigint
  revoked: boolean
  reassigned: boolean
}

/** A commitment an actor made for an adapter: its salt, block and block time. */
export type ModelCommitment = { salt: Hex; block: bigint; time: bigint }

/**
 * ModelRegistry's side of the model: each adapter of the run, the commitments actors made, the creators who
 * signed a claim that was registered, and how many reassignments the Safe made.
 */
export type RegistryModel = {
  adapters: ModelAdapter[]
  /** By `${actor}:${adapter}`, earliest first. */
  commitments: Map<string, ModelCommitment[]>
  /** `${adapter}:${creator}` of every claim registered, signed by its creator. */
  signed: Set<string>
  safeReassignments: number
}

const models = new WeakMap<Model, RegistryModel>()

/**
 * The registry model kept beside a run's model (created empty on first use), so the shared model stays as it is.
 *
 * @example
 * const registry = registryModelOf(model)
 */
export function registryModelOf(model: Model, adapters = 3): RegistryModel {
  let registry = models.get(model)
  if (!registry) {
    registry = {
      adapters: Array.from({ length: adapters }, () => ({
        creator: undefined,
        commitBlock: 0n,
        revoked: false,
        reassigned: false,
      })),
      commitments: new Map(),
      signed: new Set(),
      safeReassignments: 0,
    }
    models.set(model, registry)
  }
  return registry
}
