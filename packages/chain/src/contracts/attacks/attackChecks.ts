import type { Address } from 'viem'
import { NoRevertError } from '../../errors.js'
import { revertOf } from '../../testing/revertOf.js'
import { AttackRefusedOtherwiseError, AttackSucceededError } from './attackErrors.js'
import type { AttackRouter } from './attackHarness.js'

/**
 * A named attack on a contract and the protections (`// protection: <name>` tags in its source) it relies on.
 * `Target` is what the attack's harness deploys (FeeRouter's `AttackRouter` by default).
 */
export type Attack<Target = AttackRouter> = {
  name: string
  protections: readonly string[]
  /** Runs the attack on a freshly deployed target; throws `AttackSucceededError` when it succeeds. */
  run: (target: Target, check: AttackCheck) => Promise<void>
}

export type AttackOutcome =
  | { attack: string; outcome: 'withstood' }
  | { attack: string; outcome: 'succeeded' | 'refused otherwise'; error: Error }

/**
 * Runs one attack on a deployed target and says how it ended: withstood, succeeded (the attack did what the
 * contract must prevent), or refused otherwise (by another guard than the one it names). Any other error (the
 * attack could not be carried out) is thrown.
 *
 * @example
 * const { outcome } = await runAttack(router, feeRouterAttacks[0]!)
 */
export async function runAttack<Target>(target: Target, attack: Attack<Target>): Promise<AttackOutcome> {
  try {
    await attack.run(target, attackCheck(attack.name))
    return { attack: attack.name, outcome: 'withstood' }
  } catch (error) {
    if (error instanceof AttackSucceededError) return { attack: attack.name, outcome: 'succeeded', error }
    if (error instanceof AttackRefusedOtherwiseError)
      return { attack: attack.name, outcome: 'refused otherwise', error }
    throw error
  }
}

export type AttackCheck = ReturnType<typeof attackCheck>

/**
 * The checks an attack makes, in its name: `refused` awaits a call that must revert with `errorName` (it
 * throws `AttackSucceededError` when the call goes through, `AttackRefusedOtherwiseError` when another error
 * refuses it); `holds` throws `AttackSucceededError` unless `condition`; `claimsInFull` has each honest
 * contributor of `epoch` claim its whole amount.
 *
 * @example
 * const check = attackCheck('finalise early')
 * await check.refused(router.finalize(e), 'FeeRouterDisputeWindowOpen')
 */
export function attackCheck(attack: string) {
  async function refused(call: Promise<unknown>, errorName: string) {
    let revert: Awaited<ReturnType<typeof revertOf>>
    try {
      revert = await revertOf(call)
    } catch (error) {
      if (error instanceof NoRevertError) throw new AttackSucceededError(attack, `went through ${errorName}`)
      throw error
    }
    if (revert.errorName !== errorName)
      throw new AttackRefusedOtherwiseError(attack, errorName, revert.errorName)
  }
  function holds(condition: boolean, what: string) {
    if (!condition) throw new AttackSucceededError(attack, what)
  }
  /** Every contributor of `amounts` claims its amount of final epoch `epoch`, and receives exactly it. */
  async function claimsInFull(
    r: AttackRouter,
    epoch: { epoch: bigint; amounts: ReadonlyMap<Address, bigint>; payouts: { proofOf: ProofOf } },
  ) {
    for (const [account, amount] of epoch.amounts) {
      const before = await r.balanceOf(account)
      const { proof } = epoch.payouts.proofOf(account)
      try {
        await r.mined(r.as(0).write.claim([epoch.epoch, account, amount, proof]))
      } catch (cause) {
        throw new AttackSucceededError(
          attack,
          `${account} cannot claim its ${amount} of epoch ${epoch.epoch}`,
          {
            cause,
          },
        )
      }
      holds((await r.balanceOf(account)) - before === amount, `${account} was not paid its amount`)
    }
  }
  return { refused, holds, claimsInFull }
}

type ProofOf = (account: Address) => { proof: `0x${string}`[] }
