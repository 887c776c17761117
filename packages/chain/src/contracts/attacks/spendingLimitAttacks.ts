import type { Attack } from './attackChecks.js'
import { spendingLimitDelegationAttacks } from './spendingLimitDelegationAttacks.js'
import type { SpendingLimitTarget } from './spendingLimitHarness.js'
import { spendingLimitSpendAttacks } from './spendingLimitSpendAttacks.js'

/** Every named attack on SpendingLimitModule, each with the protections it relies on. */
export const spendingLimitAttacks: readonly Attack<SpendingLimitTarget>[] = [
  ...spendingLimitSpendAttacks,
  ...spendingLimitDelegationAttacks,
]
