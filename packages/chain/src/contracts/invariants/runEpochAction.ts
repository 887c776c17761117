import { feeRouterAbi } from '@openledger/contracts'
import { type Address, encodeFunctionData, keccak256, toHex } from 'viem'
import { expect } from 'vitest'
import { defaultProtocolParameters, devnetProtocolParameters } from '../../deploy/protocolParameters.js'
import { payoutsTree } from '../feeRouterSettlement.js'
import type { PostInput } from './actions.js'
import { epochPlan } from './epochPlan.js'
import { BPS, type Model, rewardFloorLoss } from './model.js'
import { ADAPTER_CREATORS, AGENT_CREATORS, type ProtocolHarness, SETTLER } from './protocolHarness.js'
import { applyDebit, type EpochModel, planDebit, refund as refundModel, WINDOW } from './routerModel.js'
import { expectRevert } from './runStakingAction.js'

const SPLITS = defaultProtocolParameters.splits
const MIN_BOND = devnetProtocolParameters.minSettlerBond
const share = (fees: bigint, bps: number) => (fees * BigInt(bps)) / BPS
const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)
const timestampOf = async (h: ProtocolHarness, blockNumber: bigint) =>
  (await h.devnet.env.connection.publicClient.getBlock({ blockNumber })).timestamp

/**
 * The settler (dev account 9) posts the next epoch built from `input`. The model predicts the outcome in the
 * contract's order: bond, one pending epoch, then each charge (authorisation, cap, balance), then routing;
 * a refused post must revert with exactly that error. A posted epoch debits its charges into escrow.
 */
export async function post(h: ProtocolHarness, model: Model, input: PostInput) {
  const { router } = model
  const settler = h.devnet.address(SETTLER)
  const holds = await h.balanceOf(h.devnet.env.manifest.contracts.FeeRouter)
  const plan = epochPlan(h, model, input, holds)
  const epoch = router.lastEpoch + 1n
  const payouts = payoutsTree(plan.amounts)
  const receiptsRoot = keccak256(toHex(`receipts of epoch ${epoch}`))
  const args = [
    epoch,
    receiptsRoot,
    payouts.root,
    plan.charges,
    plan.agents,
    plan.adapters,
    plan.contributorsPaid,
  ]
  const write = () => h.routerAs(SETTLER).write.postEpoch(args as never)
  const bond = router.bonds.get(settler)!
  if (bond < MIN_BOND) return expectRevert(write(), 'FeeRouterBondTooLow', [settler, bond, MIN_BOND])
  if (router.pending !== 0n) return expectRevert(write(), 'FeeRouterEpochPending', [router.pending])
  const debit = planDebit(router, plan.charges, model.clock)
  if (!Array.isArray(debit)) return expectRevert(write(), debit.errorName, debit.args)
  if (plan.contributorsPaid > plan.contributorPool)
    return expectRevert(write(), 'FeeRouterContributorsOverpaid', [
      plan.contributorPool,
      plan.contributorsPaid,
    ])
  const receipt = await h.devnet.mined(write())
  const periodOf = applyDebit(router, debit, await timestampOf(h, receipt.blockNumber))
  router.epochs.set(epoch, {
    status: 'pending',
    honest: plan.honest,
    receiptsRoot,
    charges: plan.charges,
    agents: plan.agents,
    adapters: plan.adapters,
    contributorsPaid: plan.contributorsPaid,
    amounts: plan.amounts,
    funded: 0n,
    claimed: 0n,
    claimedBy: new Set(),
    postedAt: model.clock,
    periodOf,
  })
  router.lastEpoch = epoch
  router.pending = epoch
}

/**
 * Anyone finalises the pending epoch once its window has passed, with the routing it was posted with
 * (`tamper`: another one, refused). Every party then receives exactly its share: agent creators and adapter
 * creators their floors, AgentStaking the stakers' shares of agents with active stake, the treasury the rest
 * (stakers' shares of agents without stake included), and the router keeps `contributorsPaid` for claims.
 */
export async function finalize(h: ProtocolHarness, model: Model, tamper: boolean) {
  const { router } = model
  const n = router.pending
  const e = router.epochs.get(n)
  const adapters = tamper ? e?.adapters.map((a) => ({ ...a, creator: h.claimants()[0]! })) : e?.adapters
  const write = () => h.routerAs(4).write.finalizeEpoch([n, e?.agents ?? [], adapters ?? []])
  if (!e) return expectRevert(write(), 'FeeRouterNotPending', [0n])
  if (model.clock - e.postedAt < WINDOW) {
    const { finalizesAt } = await h.routerAs(0).read.pendingEpoch()
    return expectRevert(write(), 'FeeRouterDisputeWindowOpen', [n, finalizesAt])
  }
  if (tamper) return expectRevert(write(), 'FeeRouterRoutingMismatch', [n])
  const { AgentStaking, FeeRouter } = h.devnet.env.manifest.contracts
  const creators = AGENT_CREATORS.map((i) => h.devnet.address(i))
  const watched: Address[] = [...creators, ...ADAPTER_CREATORS, h.safe(), AgentStaking, FeeRouter]
  const before = await Promise.all(watched.map(h.balanceOf))
  await h.devnet.mined(write())
  const after = await Promise.all(watched.map(h.balanceOf))
  expect(after.map((balance, k) => balance - before[k]!)).toEqual(expectedTransfers(model, e))
  e.status = 'final'
  e.funded = e.contributorsPaid
  router.pending = 0n
}

/** What finalising `e` moves: creators, adapter creators, treasury, AgentStaking, and the router (negative). */
function expectedTransfers(model: Model, e: EpochModel): bigint[] {
  const total = sum(e.charges.map((c) => c.amount))
  const creatorShares = e.agents.map(({ fees }) => share(fees, SPLITS.agentCreator))
  let toStaking = 0n
  let unstakedShares = 0n
  for (const { agentId, fees } of e.agents) {
    const stakersShare = share(fees, SPLITS.stakers)
    if (stakersShare === 0n) continue
    // AgentStaking sends a round's reward with no earning stake straight to the treasury.
    if (rewardFloorLoss(model, model.agents.get(agentId)!, stakersShare)) unstakedShares += stakersShare
    else toStaking += stakersShare
  }
  const adapterPaid = sum(e.adapters.map((a) => a.amount))
  const treasury = total - sum(creatorShares) - toStaking - unstakedShares - adapterPaid - e.contributorsPaid
  return [
    ...creatorShares,
    ...e.adapters.map((a) => a.amount),
    treasury + unstakedShares,
    toStaking,
    e.contributorsPaid - total,
  ]
}

/**
 * The Safe (a real 2-of-3 Safe transaction) vetoes the pending epoch within its window, slashing
 * `slashPermille` of the settler's bond (capped at the bond) to the treasury. Refused vetoes (none pending,
 * window passed) are simulated from the Safe's address to read their error.
 */
export async function veto(h: ProtocolHarness, model: Model, slashPermille: bigint) {
  const { router } = model
  const n = router.pending
  const e = router.epochs.get(n)
  const settler = h.devnet.address(SETTLER)
  const bond = router.bonds.get(settler)!
  const slash = (bond * slashPermille) / 1000n
  const simulated = () => h.routerAs(0).simulate.vetoEpoch([n, slash], h.fromSafe())
  if (!e) return expectRevert(simulated(), 'FeeRouterNotPending', [0n])
  if (model.clock - e.postedAt >= WINDOW) {
    const { finalizesAt } = await h.routerAs(0).read.pendingEpoch()
    return expectRevert(simulated(), 'FeeRouterDisputeWindowClosed', [n, finalizesAt])
  }
  const before = await h.balanceOf(h.safe())
  const data = encodeFunctionData({ abi: feeRouterAbi, functionName: 'vetoEpoch', args: [n, slash] })
  const receipt = await h.devnet.asSafe(h.devnet.env.manifest.contracts.FeeRouter, data)
  expect(receipt.status).toBe('success')
  const slashed = slash < bond ? slash : bond
  expect((await h.balanceOf(h.safe())) - before).toBe(slashed)
  router.bonds.set(settler, bond - slashed)
  e.status = 'vetoed'
  router.pending = 0n
}

/**
 * Anyone refunds the oldest vetoed epoch with the charges it was posted with (`tamper`: other charges,
 * refused). Without a vetoed epoch, it tries the latest refunded one (refunding twice) or the last epoch.
 */
export async function refund(h: ProtocolHarness, model: Model, tamper: boolean) {
  const { router } = model
  const epochs = [...router.epochs]
  const [n, e] =
    epochs.find(([, x]) => x.status === 'vetoed') ??
    epochs.findLast(([, x]) => x.status === 'refunded') ??
    ([router.lastEpoch, router.epochs.get(router.lastEpoch)] as const)
  const charges = e?.charges ?? []
  const tampered = tamper ? [...charges.slice(1), { payer: h.devnet.address(SETTLER), amount: 1n }] : charges
  const write = () => h.routerAs(4).write.refundCharges([n, tampered])
  if (e?.status !== 'vetoed') return expectRevert(write(), 'FeeRouterNotRefundable', [n])
  if (tamper) return expectRevert(write(), 'FeeRouterChargesMismatch', [n])
  await h.devnet.mined(write())
  refundModel(router, e)
}
