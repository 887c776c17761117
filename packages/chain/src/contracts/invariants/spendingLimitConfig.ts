import { type Address, zeroAddress } from 'viem'
import type { Attempt, Refusal } from './spendingLimitAttempt.js'
import {
  CODELESS,
  COLD_WALLET,
  OUTSIDER,
  type Side,
  type SpendingLimitInvariantHarness,
  TOKEN_NAMES,
  tokenTransferAbi,
} from './spendingLimitInvariantHarness.js'
import {
  allowanceOf,
  balanceOf,
  endGeneration,
  grant,
  type ModelAllowance,
  move,
  type SpendingLimitModel,
} from './spendingLimitModel.js'

/**
 * The Safe's own configuration calls (and the outsider's `recordDisabled`) as attempts with the outcome the
 * model predicts from the contract's NatSpec, in the order of its checks.
 */
type H = SpendingLimitInvariantHarness
type M = SpendingLimitModel
const refused = (errorName: string, ...args: readonly unknown[]): Refusal => ({ errorName, args })

/** How a `setAllowance` changes an existing allowance: amount up, down or kept; period kept, changed, P↔0. */
function changeOf(old: ModelAllowance | undefined, amount: bigint, period: bigint) {
  if (!old) return 'new'
  const size = amount > old.amount ? 'raise' : amount < old.amount ? 'lower' : 'same amount'
  if (old.period === period) return size
  if (period === 0n) return `${size}, P → 0`
  return `${size}, ${old.period === 0n ? '0 → P' : 'period changed'}`
}

/**
 * The Safe sets `delegate`'s allowance of `token`: ModuleNotEnabled, ZeroAddress, ZeroAmount, TokenHasNoCode,
 * else a new grant or a change that keeps the period's spending (`grant`).
 *
 * @example
 * await runAttempt(h, model, planSetAllowance(h, model, 0, h.honest(0), h.tokens()[0]!, 10n ** 19n, 60n))
 */
export function planSetAllowance(
  h: H,
  model: M,
  side: Side,
  delegate: Address,
  token: Address,
  amount: bigint,
  period: bigint,
): Attempt {
  const safe = model.safes[side]
  const refusal = !safe.enabled
    ? refused('ModuleNotEnabled', h.safes()[side])
    : delegate === zeroAddress
      ? refused('ZeroAddress')
      : amount === 0n
        ? refused('ZeroAmount')
        : token === CODELESS
          ? refused('TokenHasNoCode', CODELESS)
          : undefined
  return {
    label: `setAllowance (${changeOf(allowanceOf(model, side, delegate, token), amount, period)})`,
    refusal,
    send: () => h.moduleAsSafe(side).write.setAllowance([delegate, token, amount, period]),
    settle: (receipt) => {
      if (receipt) grant(safe, delegate, token, amount, period, model.now)
    },
  }
}

/** The Safe removes `delegate` (enabled or not): UnknownDelegate unless it has an allowance. */
export function planRemoveDelegate(h: H, model: M, side: Side, delegate: Address): Attempt {
  const safe = model.safes[side]
  return {
    label: 'removeDelegate',
    refusal: safe.grants.has(delegate) ? undefined : refused('UnknownDelegate', h.safes()[side], delegate),
    send: () => h.moduleAsSafe(side).write.removeDelegate([delegate]),
    settle: (receipt) => {
      if (receipt) safe.grants.delete(delegate)
    },
  }
}

/** The Safe ends every delegation: always allowed, it moves to a new, empty generation. */
export function planEndDelegations(h: H, model: M, side: Side): Attempt {
  return {
    label: `endDelegations (${model.safes[side].enabled ? 'enabled' : 'disabled'})`,
    send: () => h.moduleAsSafe(side).write.endDelegations(),
    settle: (receipt) => {
      if (receipt) endGeneration(model.safes[side])
    },
  }
}

/** A bare `disableModule` (Safe 1.4.1: GS103 when the module is not enabled); the module is not told. */
export function planDisable(h: H, model: M, side: Side): Attempt {
  const safe = model.safes[side]
  return {
    label: 'disableModule',
    refusal: safe.enabled ? undefined : refused('Error', 'GS103'),
    send: () => h.disable(side),
    settle: (receipt) => {
      if (receipt) safe.enabled = false
    },
  }
}

/** `enableModule` (GS102 when it is enabled already): revives the generation the module was left at. */
export function planEnable(h: H, model: M, side: Side): Attempt {
  const safe = model.safes[side]
  return {
    label: `enableModule (${safe.grants.size > 0 ? 'delegates left' : 'no delegates'})`,
    refusal: safe.enabled ? refused('Error', 'GS102') : undefined,
    send: () => h.safeAs(side).write.enableModule([h.module()]),
    settle: (receipt) => {
      if (receipt) safe.enabled = true
    },
  }
}

/** The outsider records a bare disable: ModuleStillEnabled while enabled, else a new generation. */
export function planRecordDisabled(h: H, model: M, side: Side): Attempt {
  const safe = model.safes[side]
  const address = h.safes()[side]!
  return {
    label: 'recordDisabled',
    refusal: safe.enabled ? refused('ModuleStillEnabled', address) : undefined,
    send: () => h.moduleAs(OUTSIDER).write.recordDisabled([address]),
    settle: (receipt) => {
      if (receipt) endGeneration(safe)
    },
  }
}

/**
 * The owners move `permille` of the Safe's own `token` (index) to their cold wallet, so that delegates later
 * find too little: a false-returning token moves nothing. Undefined when that is nothing.
 */
export function planWithdraw(h: H, model: M, side: Side, tokenIndex: number, permille: bigint) {
  const safe = h.safes()[side]!
  const token = h.tokens()[tokenIndex]!
  const amount = (balanceOf(model, safe, token) * permille) / 1000n
  if (amount === 0n) return undefined
  const wallet = h.safeWallet(side)
  const send = () =>
    token === zeroAddress
      ? wallet.sendTransaction({ to: COLD_WALLET, value: amount })
      : wallet.writeContract({
          address: token,
          abi: tokenTransferAbi,
          functionName: 'transfer',
          args: [COLD_WALLET, amount],
        })
  const moves = TOKEN_NAMES[tokenIndex] !== 'falseReturning'
  return {
    label: `withdraw ${TOKEN_NAMES[tokenIndex]}`,
    send,
    settle: (receipt) => {
      if (receipt && moves) move(model, token, amount, safe, COLD_WALLET)
    },
  } satisfies Attempt
}
