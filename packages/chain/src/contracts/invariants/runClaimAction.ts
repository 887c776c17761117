import type { Address, Hex } from 'viem'
import { expect } from 'vitest'
import { payoutsTree } from '../feeRouterSettlement.js'
import type { Action } from './actions.js'
import type { Model } from './model.js'
import type { ProtocolHarness } from './protocolHarness.js'
import type { EpochModel, Refusal } from './routerModel.js'
import { expectRevert } from './runStakingAction.js'

type ClaimAction = Extract<Action, { kind: 'claim' }>
/** Dev account 3 sends every claim: anyone may claim for an account, the OPEN goes to the account. */
const SENDER = 3

/**
 * A claimant claims one epoch it is paid in (`twice`: then again), or with `many` all its final epochs in one
 * claimMany (`twice`: naming the first twice). The model predicts each refusal in the contract's order: not
 * final, bad proof, already claimed, more than the epoch's funds left. A claim pays exactly its amount.
 */
export async function runClaimAction(h: ProtocolHarness, model: Model, action: ClaimAction) {
  const claimant = targetClaimant(h, model, action.contributor)
  const paying = [...model.router.epochs].filter(([, e]) => e.amounts.has(claimant))
  if (action.many) return claimMany(h, model, claimant, paying, action.twice)
  const [n, e] = paying[action.pick % Math.max(paying.length, 1)] ?? [model.router.lastEpoch, undefined]
  const { amount, proof } = e ? proofOf(e, claimant) : { amount: 1n, proof: [] as Hex[] }
  const write = () => h.routerAs(SENDER).write.claim([n, claimant, amount, proof])
  const status = model.router.epochs.get(n)?.status
  if (status !== 'final') return expectRevert(write(), 'FeeRouterEpochNotFinal', [n])
  if (!e) return expectRevert(write(), 'FeeRouterInvalidProof', [n, claimant, amount])
  const refusal = refusalOf(n, e, claimant, amount)
  if (refusal) return expectRevert(write(), refusal.errorName, refusal.args)
  await paid(h, model, claimant, amount, () => h.devnet.mined(write()))
  record(e, claimant, amount)
  if (action.twice) await expectRevert(write(), 'FeeRouterAlreadyClaimed', [n, claimant])
}

/**
 * The claimant `index` names, or, counting on from it, the first that a final epoch pays: random picks
 * rarely hit the few accounts that are paid. With none paid, the claimant `index` names.
 */
function targetClaimant(h: ProtocolHarness, model: Model, index: number): Address {
  const claimants = h.claimants()
  const final = [...model.router.epochs.values()].filter((e) => e.status === 'final')
  for (let k = 0; k < claimants.length; k++) {
    const claimant = claimants[(index + k) % claimants.length]!
    if (final.some((e) => e.amounts.has(claimant))) return claimant
  }
  return claimants[index]!
}

async function claimMany(
  h: ProtocolHarness,
  model: Model,
  claimant: Address,
  paying: [bigint, EpochModel][],
  twice: boolean,
) {
  const final = paying.filter(([, e]) => e.status === 'final')
  const listed = twice && final.length > 0 ? [final[0]!, ...final] : final
  const claims = listed.map(([epoch, e]) => ({ epoch, ...proofOf(e, claimant) }))
  const write = () =>
    h
      .routerAs(SENDER)
      .write.claimMany([claimant, claims.map(({ epoch, amount, proof }) => ({ epoch, amount, proof }))])
  if (claims.length === 0) return expectRevert(write(), 'FeeRouterZeroAmount', [])
  // The claims take effect one after the other within the call: predict them on copies.
  const taken = new Map<bigint, bigint>()
  const seen = new Set<bigint>()
  for (const [epoch, e] of listed) {
    const amount = e.amounts.get(claimant)!
    const copy = { ...e, claimed: e.claimed + (taken.get(epoch) ?? 0n), claimedBy: new Set(e.claimedBy) }
    if (seen.has(epoch)) copy.claimedBy.add(claimant)
    const refusal = refusalOf(epoch, copy, claimant, amount)
    if (refusal) return expectRevert(write(), refusal.errorName, refusal.args)
    taken.set(epoch, (taken.get(epoch) ?? 0n) + amount)
    seen.add(epoch)
  }
  const total = listed.reduce((a, [, e]) => a + e.amounts.get(claimant)!, 0n)
  await paid(h, model, claimant, total, () => h.devnet.mined(write()))
  for (const [, e] of listed) record(e, claimant, e.amounts.get(claimant)!)
}

function proofOf(e: EpochModel, account: Address) {
  const { amount, proof } = payoutsTree(e.amounts).proofOf(account)
  return { amount, proof }
}

/** Why the contract must refuse a claim of a final epoch with a valid proof, if it must. */
function refusalOf(n: bigint, e: EpochModel, claimant: Address, amount: bigint): Refusal | undefined {
  if (e.claimedBy.has(claimant)) return { errorName: 'FeeRouterAlreadyClaimed', args: [n, claimant] }
  const available = e.funded - e.claimed
  if (amount > available) return { errorName: 'FeeRouterUnderfunded', args: [n, available, amount] }
  return undefined
}

/** Sends a claim and checks the claimant received exactly `amount`. */
async function paid(
  h: ProtocolHarness,
  model: Model,
  claimant: Address,
  amount: bigint,
  send: () => Promise<unknown>,
) {
  const before = await h.balanceOf(claimant)
  await send()
  expect((await h.balanceOf(claimant)) - before, `${claimant} paid`).toBe(amount)
  model.router.paidTo.set(claimant, (model.router.paidTo.get(claimant) ?? 0n) + amount)
}

function record(e: EpochModel, claimant: Address, amount: bigint) {
  e.claimedBy.add(claimant)
  e.claimed += amount
}
