import type { Address } from 'viem'
import {
  INITIAL_ALLOWANCES,
  SIDES,
  type SpendingLimitInvariantHarness,
} from './spendingLimitInvariantHarness.js'
import {
  balanceKey,
  type ModelAllowance,
  type ModelSafe,
  type SpendingLimitModel,
} from './spendingLimitModel.js'

/**
 * The model of the state the harness set up, read where the chain decides it: the latest block's time, every
 * tracked balance, and the initial allowances' periods as `allowanceOf` reports them now (a passed period
 * read as reset, which is what the contract will apply). Both Safes have the module enabled, at generation 0.
 *
 * @example
 * const model = await spendingLimitBaseline(harness, new Set())
 */
export async function spendingLimitBaseline(
  h: SpendingLimitInvariantHarness,
  reached: Set<string>,
): Promise<SpendingLimitModel> {
  const { publicClient } = h.devnet.env.connection
  const { timestamp } = await publicClient.getBlock()
  const module = h.moduleAs(0).read
  const safes = await Promise.all(
    SIDES.map(async (side): Promise<ModelSafe> => {
      const safe = h.safes()[side]!
      const delegates = [h.honest(side), h.adversaries()[side]!]
      const grants = new Map<Address, Map<Address, ModelAllowance>>()
      for (const [i, { token }] of INITIAL_ALLOWANCES[side].entries()) {
        const address = h.tokens()[token]!
        const view = await module.allowanceOf([safe, delegates[i]!, address])
        const { amount, spent, resetPeriod: period, lastReset } = view
        grants.set(
          delegates[i]!,
          new Map([[address, { amount, spent, period, lastReset, epochMax: amount, epochMoved: spent }]]),
        )
      }
      return { enabled: true, generation: await module.generationOf([safe]), grants, ended: new Set() }
    }),
  )
  const balances = new Map<string, bigint>()
  for (const holder of h.holders())
    for (const token of h.tokens()) balances.set(balanceKey(holder, token), await h.balanceOf(token, holder))
  return {
    now: timestamp,
    next: timestamp + 1n,
    safes: safes as [ModelSafe, ModelSafe],
    balances,
    accountGenerations: new Map(),
    reached,
  }
}
