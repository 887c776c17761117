import fc from 'fast-check'
import { hours } from './arbitraries.js'

/**
 * ModelRegistry's actions in the invariant runs. `adapter` indexes the run's adapters, `actor` REGISTRY_ACTORS
 * (an honest creator, a squatter, a relayer). `register` sends a claim as `sender`: `valid` (signed by the
 * actor, revealing its earliest commitment), `forged` (naming the actor, signed by another), or `uncommitted`
 * (a salt never committed). The Safe revokes and reassigns; an outsider reaching for the reassignment is
 * refused.
 */
export type RegistryAction =
  | { kind: 'commitAdapter'; adapter: number; actor: number }
  | {
      kind: 'registerAdapter'
      adapter: number
      actor: number
      sender: number
      claim: 'valid' | 'forged' | 'uncommitted'
    }
  | { kind: 'revokeAdapter'; adapter: number }
  | { kind: 'reassignAdapter'; adapter: number; to: number; bySafe: boolean }
  | { kind: 'passTime'; hours: bigint }

const adapter = fc.integer({ min: 0, max: 2 })
const actor = fc.integer({ min: 0, max: 2 })

/**
 * One random ModelRegistry action, weighted towards commitments and registrations.
 *
 * @example
 * fc.sample(registryActionArbitrary, 3)
 */
export const registryActionArbitrary: fc.Arbitrary<RegistryAction> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('commitAdapter' as const), adapter, actor }), weight: 5 },
  {
    arbitrary: fc.record({
      kind: fc.constant('registerAdapter' as const),
      adapter,
      actor,
      sender: actor,
      claim: fc.oneof(
        { arbitrary: fc.constant('valid' as const), weight: 6 },
        { arbitrary: fc.constantFrom('forged' as const, 'uncommitted' as const), weight: 2 },
      ),
    }),
    weight: 7,
  },
  { arbitrary: fc.record({ kind: fc.constant('revokeAdapter' as const), adapter }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('reassignAdapter' as const),
      adapter,
      to: actor,
      bySafe: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('passTime' as const), hours }), weight: 1 },
)
