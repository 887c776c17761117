import { type Attack, attackCheck } from './attackChecks.js'
import { AttackRefusedOtherwiseError, AttackSucceededError } from './attackErrors.js'
import type { AttackRouter } from './attackHarness.js'
import { chargeAttacks } from './chargeAttacks.js'
import { epochAttacks } from './epochAttacks.js'

/** Every named attack on FeeRouter, each with the protections it relies on. */
export const feeRouterAttacks: readonly Attack[] = [...epochAttacks, ...chargeAttacks]

export type AttackOutcome =
  | { attack: string; outcome: 'withstood' }
  | { attack: string; outcome: 'succeeded' | 'refused otherwise'; error: Error }

/**
 * Runs one attack on a deployed router and says how it ended: withstood, succeeded (the attack did what the
 * contract must prevent), or refused otherwise (by another guard than the one it names). Any other error (the
 * attack could not be carried out) is thrown.
 *
 * @example
 * const { outcome } = await runAttack(router, feeRouterAttacks[0]!)
 */
export async function runAttack(router: AttackRouter, attack: Attack): Promise<AttackOutcome> {
  try {
    await attack.run(router, attackCheck(attack.name))
    return { attack: attack.name, outcome: 'withstood' }
  } catch (error) {
    if (error instanceof AttackSucceededError) return { attack: attack.name, outcome: 'succeeded', error }
    if (error instanceof AttackRefusedOtherwiseError)
      return { attack: attack.name, outcome: 'refused otherwise', error }
    throw error
  }
}
