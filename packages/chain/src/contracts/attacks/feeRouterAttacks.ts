import type { Attack } from './attackChecks.js'
import { chargeAttacks } from './chargeAttacks.js'
import { epochAttacks } from './epochAttacks.js'

/** Every named attack on FeeRouter, each with the protections it relies on. */
export const feeRouterAttacks: readonly Attack[] = [...epochAttacks, ...chargeAttacks]
