import { spendingLimitModuleAbi } from '@openledger/contracts'
import {
  type Address,
  type Hex,
  parseEventLogs,
  type TransactionReceipt,
  toFunctionSelector,
  zeroAddress,
} from 'viem'
import { expect } from 'vitest'
import type { DelegateKind } from './spendingLimitActions.js'
import type { Attempt, Fees, Refusal } from './spendingLimitAttempt.js'
import {
  CODELESS,
  HONEST_DELEGATES,
  PAYEE,
  type Side,
  type SpendingLimitInvariantHarness,
  TOKEN_NAMES,
} from './spendingLimitInvariantHarness.js'
import {
  allowanceOf,
  applyReset,
  balanceOf,
  move,
  resetsAt,
  type SpendingLimitModel,
  viewAt,
} from './spendingLimitModel.js'

export type TransferInput = {
  /** The Safe spent from. */
  from: Side
  /** The delegate: `kind` of the Safe on side `of` (the other Safe's, for a foreign spend). */
  of: Side
  kind: DelegateKind
  token: Address
  amount: bigint
  /** Pays the zero address (the honest delegate only: the adversary always pays itself). */
  toZero: boolean
}

const REENTRANT_CALL = toFunctionSelector('error ReentrancyGuardReentrantCall()')
const refused = (errorName: string, ...args: readonly unknown[]): Refusal => ({ errorName, args })

/** The delegate's address: the honest agent key, or the adversary's ReenteringDelegate contract. */
export const delegateOf = (h: SpendingLimitInvariantHarness, side: Side, kind: DelegateKind): Address =>
  kind === 'honest' ? h.honest(side) : h.adversaries()[side]!

/**
 * A delegate's `executeTransfer` as an attempt, with the outcome the model predicts in the order the
 * contract checks: ZeroAddress, ZeroAmount, TokenHasNoCode, UnknownDelegate (no allowance in the Safe's
 * current generation), AllowanceExceeded (after a passed period resets, at the block's exact time), the
 * ModuleNotEnabled (the module disabled but not recorded), TransferFailed (a false-returning token, too small a
 * balance, ether to a contract that takes none). The adversary spends through its contract to itself and,
 * for the re-entering token, re-enters from the token's hook. Its settle checks invariants 1, 4 and 5 on
 * the spot: the Safe lost and the recipient gained exactly the amount (nothing, when refused), the
 * `TransferExecuted` event reports the model's spending, and a re-entry was refused by the guard.
 *
 * @example
 * await runAttempt(h, model, await planTransfer(h, model, { from: 0, of: 0, kind: 'honest', token, amount, toZero: false }))
 */
export async function planTransfer(
  h: SpendingLimitInvariantHarness,
  model: SpendingLimitModel,
  t: TransferInput,
  label = 'transfer',
): Promise<Attempt> {
  const safe = h.safes()[t.from]!
  const adversary = t.kind === 'adversary'
  const delegate = delegateOf(h, t.of, t.kind)
  const to = adversary ? delegate : t.toZero ? zeroAddress : PAYEE
  const reentering = t.token === h.tokens()[4]
  const send = (fees?: Fees): Promise<Hex> =>
    adversary
      ? h.adversaryAs(t.of).write.spend([safe, t.token, t.amount, reentering ? t.amount : 0n], fees)
      : h.moduleAs(HONEST_DELEGATES[t.of]).write.executeTransfer([safe, t.token, to, t.amount], fees)
  const refusal = predict(h, model, t, delegate, to)
  const name = TOKEN_NAMES[h.tokens().indexOf(t.token)] ?? 'codeless'
  const read = () =>
    Promise.all([h.balanceOf(t.token, safe), to === zeroAddress ? 0n : h.balanceOf(t.token, to)])
  const before = t.token === CODELESS ? [0n, 0n] : await read()
  reachBoundaries(model, t, delegate, refusal, `${label} of ${name} by the ${t.kind}`)

  async function settle(receipt: TransactionReceipt | undefined) {
    if (!receipt) {
      if (t.token !== CODELESS) expect(await read(), `${label} refused, yet something moved`).toEqual(before)
      return
    }
    const after = await read()
    expect(before[0]! - after[0]!, 'what left the Safe').toBe(t.amount)
    expect(after[1]! - before[1]!, 'what the recipient got').toBe(t.amount)
    const allowance = allowanceOf(model, t.from, delegate, t.token)!
    applyReset(allowance, model.now)
    allowance.spent += t.amount
    allowance.epochMoved += before[0]! - after[0]!
    move(model, t.token, t.amount, safe, to)
    const [event, ...more] = parseEventLogs({
      abi: spendingLimitModuleAbi,
      logs: receipt.logs,
      eventName: 'TransferExecuted',
    })
    expect(more, 'one transfer per call').toEqual([])
    expect(event?.args).toEqual({
      safe,
      delegate,
      token: t.token,
      to,
      amount: t.amount,
      spent: allowance.spent,
    })
    if (adversary && reentering) {
      const contract = h.adversaryAs(t.of)
      expect(await contract.read.reentered(), 'the re-entering transfer went through').toBe(false)
      expect(
        (await contract.read.reentryError()).startsWith(REENTRANT_CALL),
        're-entry refused otherwise',
      ).toBe(true)
      model.reached.add('re-entry refused by the guard')
    }
  }
  return { label: `${label} of ${name} by the ${t.kind}`, send, refusal, settle }
}

function predict(
  h: SpendingLimitInvariantHarness,
  model: SpendingLimitModel,
  t: TransferInput,
  delegate: Address,
  to: Address,
): Refusal | undefined {
  const safe = h.safes()[t.from]!
  if (to === zeroAddress) return refused('ZeroAddress')
  if (t.amount === 0n) return refused('ZeroAmount')
  if (t.token === CODELESS) return refused('TokenHasNoCode', CODELESS)
  const tokens = model.safes[t.from].grants.get(delegate)
  if (!tokens) {
    const { ended, enabled } = model.safes[t.from]
    if (ended.has(delegate))
      model.reached.add(`an ended delegate spends (${enabled ? 'enabled' : 'disabled'})`)
    return refused('UnknownDelegate', safe, delegate)
  }
  const view = viewAt(tokens.get(t.token), model.next)
  if (t.amount > view.amount || view.spent > view.amount - t.amount) {
    const ends = resetsAt({ period: view.resetPeriod, lastReset: view.lastReset })
    return refused('AllowanceExceeded', view.amount, view.spent, t.amount, ends)
  }
  if (!model.safes[t.from].enabled) return refused('ModuleNotEnabled', safe)
  const name = TOKEN_NAMES[h.tokens().indexOf(t.token)]
  const takes = name !== 'falseReturning' && !(name === 'native' && t.kind === 'adversary')
  if (!takes || balanceOf(model, safe, t.token) < t.amount)
    return refused('TransferFailed', safe, t.token, to, t.amount)
  return undefined
}

/** Notes a transfer at an allowance's period end, exactly or one second before (`model.reached`). */
function reachBoundaries(
  model: SpendingLimitModel,
  t: TransferInput,
  delegate: Address,
  refusal: Refusal | undefined,
  label: string,
) {
  const allowance = allowanceOf(model, t.from, delegate, t.token)
  if (!allowance || allowance.period === 0n) return
  const since = model.next - allowance.lastReset
  const outcome = refusal?.errorName ?? 'ok'
  if (since > 0n && since % allowance.period === 0n)
    model.reached.add(`${label} exactly at a period's end: ${outcome}`)
  if ((since + 1n) % allowance.period === 0n)
    model.reached.add(`${label} one second before a period's end: ${outcome}`)
}
