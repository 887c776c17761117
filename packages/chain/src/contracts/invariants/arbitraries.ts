import fc from 'fast-check'
import { parseEther } from 'viem'
import type { AdminCall } from './actions.js'

/** Building blocks shared by the invariant runs' action arbitraries (actions.ts, routerActions.ts). */
export const permille = fc.bigInt({ min: 0n, max: 1000n })
/** True 4 times out of 5. */
export const mostly = fc.integer({ min: 0, max: 4 }).map((n) => n !== 0)
/** Zero (invalid), dust (rounding-heavy) or up to 1,000 OPEN with odd wei. */
export const amount = fc.oneof(
  { arbitrary: fc.constant(0n), weight: 1 },
  { arbitrary: fc.bigInt({ min: 1n, max: 10n ** 6n }), weight: 3 },
  { arbitrary: fc.bigInt({ min: 10n ** 15n, max: parseEther('1000') }), weight: 6 },
)
/** Hours only (see `runStakingAction`'s withdraw): 1 hour, 1 day, 3 days or 8 days. */
export const hours = fc.constantFrom(1n, 24n, 72n, 192n, 192n)

export const ADMIN_CALLS: AdminCall[] = [
  'setParams',
  'resolveChallenge',
  'unjail',
  'setSplits',
  'setDisputeWindow',
  'setMinSettlerBond',
  'vetoEpoch',
  'grantRole',
  'revokeRole',
  'postEpoch',
  'setFeeRouter',
  'grantStakingRole',
  'revokeStakingRole',
  'pauseAgent',
  'grantPauserRole',
  'revokeAdapter',
  'grantRevokerRole',
]
