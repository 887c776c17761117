import type { Address } from 'viem'
import { expect } from 'vitest'
import { UnknownActionError } from '../../errors.js'
import type { Action } from './actions.js'
import type { Model } from './model.js'
import { DEPOSITORS, PAYERS, type ProtocolHarness, SETTLER, SETTLER_BOND } from './protocolHarness.js'
import { authorize as authorizeModel, WITHDRAWAL_DELAY } from './routerModel.js'
import { runClaimAction } from './runClaimAction.js'
import { finalize, post, refund, veto } from './runEpochAction.js'
import { expectRevert } from './runStakingAction.js'

const MAX_PERIOD = 365n * 24n * 3600n

/**
 * Runs one FeeRouter action on the devnet, asserting the outcome the model predicts (success with the exact
 * transfers, or the exact custom error), and updates the model when it succeeded.
 */
export async function runFeeRouterAction(h: ProtocolHarness, model: Model, action: Action): Promise<void> {
  switch (action.kind) {
    case 'deposit':
      return deposit(h, model, DEPOSITORS[action.payer]!, action.amount)
    case 'authorize':
      return authorize(h, model, PAYERS[action.payer]!, action.perPeriod, action.period)
    case 'requestWithdrawal':
      return requestWithdrawal(h, model, DEPOSITORS[action.payer]!, action.permille)
    case 'withdrawPrepaid':
      return withdrawPrepaid(h, model, DEPOSITORS[action.payer]!, action.overdraw)
    case 'post':
      return post(h, model, action.epoch)
    case 'finalize':
      return finalize(h, model, action.tamper)
    case 'veto':
      return veto(h, model, action.slashPermille)
    case 'refund':
      return refund(h, model, action.tamper)
    case 'claim':
      return runClaimAction(h, model, action)
    case 'bond':
      return bond(h, model, action.withdraw, action.permille)
    default:
      throw new UnknownActionError('fee router', action.kind)
  }
}

async function deposit(h: ProtocolHarness, model: Model, payer: number, amount: bigint) {
  const write = () => h.routerAs(payer).write.deposit([amount])
  if (amount === 0n) return expectRevert(write(), 'FeeRouterZeroAmount', [])
  await h.devnet.mined(write())
  const who = h.devnet.address(payer)
  model.router.prepaid.set(who, model.router.prepaid.get(who)! + amount)
}

/** A payer sets its cap: lowering it (or revoking it) between metering and settling is its right. */
async function authorize(h: ProtocolHarness, model: Model, payer: number, perPeriod: bigint, period: bigint) {
  const write = () => h.routerAs(payer).write.authorizeCharges([perPeriod, period])
  if (perPeriod !== 0n && (period === 0n || period > MAX_PERIOD))
    return expectRevert(write(), 'FeeRouterInvalidPeriod', [period])
  await h.devnet.mined(write())
  authorizeModel(model.router, h.devnet.address(payer), perPeriod, period)
}

async function requestWithdrawal(h: ProtocolHarness, model: Model, payer: number, permille: bigint) {
  const who = h.devnet.address(payer)
  const amount = (model.router.prepaid.get(who)! * permille) / 1000n
  const write = () => h.routerAs(payer).write.requestWithdrawal([amount])
  if (amount === 0n) return expectRevert(write(), 'FeeRouterZeroAmount', [])
  await h.devnet.mined(write())
  model.router.withdrawals.set(who, { amount, requestedAt: model.clock })
}

/** Withdraws the whole request (`overdraw`: a wei more): only after the delay, only what charges left. */
async function withdrawPrepaid(h: ProtocolHarness, model: Model, payer: number, overdraw: boolean) {
  const who = h.devnet.address(payer)
  const request = model.router.withdrawals.get(who) ?? { amount: 0n, requestedAt: 0n }
  const amount = request.amount + (overdraw ? 1n : 0n)
  const write = () => h.routerAs(payer).write.withdraw([amount])
  if (amount === 0n) return expectRevert(write(), 'FeeRouterZeroAmount', [])
  if (amount > request.amount || model.clock - request.requestedAt < WITHDRAWAL_DELAY) {
    const { unlocksAt } = await h.routerAs(0).read.withdrawalOf([who])
    return expectRevert(write(), 'FeeRouterWithdrawalLocked', [who, request.amount, unlocksAt])
  }
  const balance = model.router.prepaid.get(who)!
  if (amount > balance) return expectRevert(write(), 'FeeRouterInsufficientBalance', [who, balance, amount])
  await paysOut(h, who, amount, () => h.devnet.mined(write()))
  model.router.prepaid.set(who, balance - amount)
  request.amount -= amount
}

/**
 * The settler adds to its bond, or takes some back (more than the bond when `permille` > 1000): never while
 * its epoch is pending.
 */
async function bond(h: ProtocolHarness, model: Model, withdraw: boolean, permille: bigint) {
  const settler = h.devnet.address(SETTLER)
  const held = model.router.bonds.get(settler)!
  const router = h.routerAs(SETTLER)
  if (!withdraw) {
    const amount = (SETTLER_BOND * permille) / 1000n
    const write = () => router.write.depositBond([amount])
    if (amount === 0n) return expectRevert(write(), 'FeeRouterZeroAmount', [])
    const balance = await h.balanceOf(settler)
    if (amount > balance) return expectRevert(write(), 'ERC20InsufficientBalance', [settler, balance, amount])
    await h.devnet.mined(write())
    model.router.bonds.set(settler, held + amount)
    return
  }
  const amount = (held * permille) / 1000n
  const write = () => router.write.withdrawBond([amount])
  if (amount === 0n) return expectRevert(write(), 'FeeRouterZeroAmount', [])
  if (model.router.pending !== 0n)
    return expectRevert(write(), 'FeeRouterBondLocked', [settler, model.router.pending])
  if (amount > held) return expectRevert(write(), 'FeeRouterInsufficientBalance', [settler, held, amount])
  await paysOut(h, settler, amount, () => h.devnet.mined(write()))
  model.router.bonds.set(settler, held - amount)
}

async function paysOut(h: ProtocolHarness, to: Address, amount: bigint, send: () => Promise<unknown>) {
  const before = await h.balanceOf(to)
  await send()
  expect((await h.balanceOf(to)) - before).toBe(amount)
}
