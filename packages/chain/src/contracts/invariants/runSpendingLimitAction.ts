import { openTokenAbi } from '@openledger/contracts'
import { type Address, encodeFunctionData, parseEther, zeroAddress } from 'viem'
import { expect } from 'vitest'
import { runSpendingLimitRace } from './runSpendingLimitRace.js'
import type { Caller, SpendingLimitAction, TransferSize, UnauthorizedCall } from './spendingLimitActions.js'
import { type Attempt, type Refusal, runAttempt } from './spendingLimitAttempt.js'
import {
  planDisable,
  planEnable,
  planEndDelegations,
  planRecordDisabled,
  planRemoveDelegate,
  planSetAllowance,
  planWithdraw,
} from './spendingLimitConfig.js'
import {
  CODELESS,
  HONEST_DELEGATES,
  MALLORY,
  OUTSIDER,
  SAFE_OWNERS,
  type Side,
  type SpendingLimitInvariantHarness,
} from './spendingLimitInvariantHarness.js'
import { allowanceOf, type SpendingLimitModel, viewAt } from './spendingLimitModel.js'
import { delegateOf, planTransfer } from './spendingLimitTransfer.js'

type H = SpendingLimitInvariantHarness
type M = SpendingLimitModel
const SENTINEL: Address = '0x0000000000000000000000000000000000000001'
const tokenAt = (h: H, index: number) => (index === 5 ? CODELESS : h.tokens()[index]!)

/**
 * Runs one generated action as real transactions on the devnet at block times the model sets, asserting each
 * call's outcome (success, or the exact custom error with its values), and keeps the model in step.
 *
 * @example
 * await runSpendingLimitAction(h, model, { kind: 'passTime', to: 'P', seconds: 1n, pick: 0, mine: false })
 */
export async function runSpendingLimitAction(h: H, model: M, action: SpendingLimitAction): Promise<void> {
  const run = (attempt: Attempt) => runAttempt(h, model, attempt)
  switch (action.kind) {
    case 'setAllowance':
      return run(setAllowanceOf(h, model, action))
    case 'removeDelegate':
      return run(planRemoveDelegate(h, model, action.safe, delegateOf(h, action.safe, action.delegate)))
    case 'endDelegations':
      await run(planEndDelegations(h, model, action.safe))
      if (action.disable && model.safes[action.safe].enabled) await run(planDisable(h, model, action.safe))
      return
    case 'disable': {
      const wasEnabled = model.safes[action.safe].enabled
      await run(planDisable(h, model, action.safe))
      if (action.afterwards === 'stay' || !wasEnabled) return
      if (action.afterwards === 'recordThenReenable') await run(planRecordDisabled(h, model, action.safe))
      return run(planEnable(h, model, action.safe))
    }
    case 'enable':
      return run(planEnable(h, model, action.safe))
    case 'recordDisabled':
      return run(planRecordDisabled(h, model, action.safe))
    case 'transfer':
      return run(await transferOf(h, model, action))
    case 'race':
      return runSpendingLimitRace(h, model, action)
    case 'passTime':
      return passTime(h, model, action)
    case 'withdraw': {
      const attempt = planWithdraw(h, model, action.safe, action.token, action.permille)
      return attempt && run(attempt)
    }
    case 'unauthorized':
      return unauthorized(h, model, action.safe, action.caller, action.call)
  }
}

/** `change`: `set` to the amount; `raise` doubles and `lower` halves the current one (a new grant: the amount). */
function setAllowanceOf(h: H, model: M, a: Extract<SpendingLimitAction, { kind: 'setAllowance' }>) {
  const token = tokenAt(h, a.token)
  const delegate = a.delegate === 'zeroAddress' ? zeroAddress : delegateOf(h, a.safe, a.delegate)
  const current = allowanceOf(model, a.safe, delegate, token)
  const amount =
    !current || a.change === 'set'
      ? a.amount
      : a.change === 'raise'
        ? current.amount * 2n
        : current.amount / 2n
  const period = a.period === 'keep' ? (current?.period ?? 60n) : a.period
  return planSetAllowance(h, model, a.safe, delegate, token, amount, period)
}

/** A delegate's transfer, its amount sized against the remaining allowance at the transfer's block time. */
function transferOf(h: H, model: M, a: Extract<SpendingLimitAction, { kind: 'transfer' }>) {
  const from: Side = a.foreign ? ((1 - a.safe) as Side) : a.safe
  const delegate = delegateOf(h, a.safe, a.delegate)
  const granted = [...(model.safes[from].grants.get(delegate)?.keys() ?? [])]
  const token = a.targeted && granted.length > 0 ? granted[a.token % granted.length]! : tokenAt(h, a.token)
  const view = viewAt(allowanceOf(model, from, delegate, token), model.next)
  const within = (view.remaining * a.permille) / 1000n || 1n
  const amounts: Record<TransferSize, bigint> = {
    within,
    at: view.remaining,
    above: view.remaining + 1n,
    wholePlusOne: view.amount + 1n,
    zero: 0n,
    toZeroAddress: within,
  }
  const toZero = a.size === 'toZeroAddress' && a.delegate === 'honest'
  const label = a.foreign ? 'foreign transfer' : `transfer (${a.size})`
  return planTransfer(
    h,
    model,
    { from, of: a.safe, kind: a.delegate, token, amount: amounts[a.size], toZero },
    label,
  )
}

/**
 * Moves the clock to a picked periodic allowance's period end − 1 s, its end, two periods on, or three
 * periods − 1 s (from the period the next block is in), or by plain seconds. With `mine`, an empty block is
 * mined there (views see that exact time); without, the next transaction runs exactly there.
 */
async function passTime(h: H, model: M, a: Extract<SpendingLimitAction, { kind: 'passTime' }>) {
  const periodic = model.safes.flatMap((safe) =>
    [...safe.grants.values()].flatMap((tokens) => [...tokens.values()].filter((x) => x.period > 0n)),
  )
  const picked = periodic[a.pick % Math.max(periodic.length, 1)]
  let target = model.now + a.seconds
  if (picked && a.to !== 'seconds') {
    const { lastReset, resetPeriod: p } = viewAt(picked, model.next)
    target = lastReset + { 'P-1': p - 1n, P: p, '2P': 2n * p, '3P-1': 3n * p - 1n }[a.to]
    model.reached.add(`passTime to ${a.to}${a.mine ? ', mined' : ''}`)
  }
  if (target < model.next) target = model.next
  model.next = target
  if (!a.mine) return
  await h.devnet.testClient.setNextBlockTimestamp({ timestamp: target })
  await h.devnet.testClient.mine({ blocks: 1 })
  model.now = target
  model.next = target + 1n
}

/**
 * Invariant 6 from the other side: a dev account (an owner, the Safe's honest delegate, Mallory, the
 * outsider) calls the module or the Safe as if it held the Safe's powers. The module configures only its
 * caller: setAllowance is ModuleNotEnabled(caller), removeDelegate UnknownDelegate(caller, …), and
 * endDelegations ends the caller's own (empty) generation; the Safe refuses the rest (GS031, GS104).
 */
async function unauthorized(h: H, model: M, side: Side, caller: Caller, call: UnauthorizedCall) {
  const index = {
    owner: SAFE_OWNERS[side][0],
    honest: HONEST_DELEGATES[side],
    mallory: MALLORY,
    outsider: OUTSIDER,
  }[caller]
  const who = h.devnet.address(index)
  const module = h.moduleAs(index)
  const safe = h.safeAsAccount(side, index)
  const steal = encodeFunctionData({
    abi: openTokenAbi,
    functionName: 'transfer',
    args: [who, parseEther('1')],
  })
  const refused = (errorName: string, ...args: readonly unknown[]): Refusal => ({ errorName, args })
  const attempts: Record<UnauthorizedCall, () => Attempt> = {
    setAllowance: () => ({
      label: 'unauthorized setAllowance',
      refusal: refused('ModuleNotEnabled', who),
      send: () => module.write.setAllowance([who, h.tokens()[0]!, parseEther('1000'), 0n]),
    }),
    removeDelegate: () => ({
      label: 'unauthorized removeDelegate',
      refusal: refused('UnknownDelegate', who, h.honest(side)),
      send: () => module.write.removeDelegate([h.honest(side)]),
    }),
    endDelegations: () => ({
      label: 'unauthorized endDelegations (its own)',
      send: () => module.write.endDelegations(),
      settle: async (receipt) => {
        if (!receipt) return
        const generation = (model.accountGenerations.get(who) ?? 0n) + 1n
        model.accountGenerations.set(who, generation)
        expect(await h.moduleAs(0).read.generationOf([who]), 'its own generation').toBe(generation)
      },
    }),
    enableModule: () => ({
      label: 'unauthorized enableModule',
      refusal: refused('Error', 'GS031'),
      send: () => safe.write.enableModule([who]),
    }),
    disableModule: () => ({
      label: 'unauthorized disableModule',
      refusal: refused('Error', 'GS031'),
      send: () => safe.write.disableModule([SENTINEL, h.module()]),
    }),
    execTransactionFromModule: () => ({
      label: 'unauthorized execTransactionFromModule',
      refusal: refused('Error', 'GS104'),
      send: () => safe.write.execTransactionFromModule([h.tokens()[0]!, 0n, steal, 0]),
    }),
  }
  await runAttempt(h, model, attempts[call]())
}
