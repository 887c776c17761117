import { type Address, type Hex, keccak256, toHex } from 'viem'
import { expect } from 'vitest'
import { defaultProtocolParameters } from '../../deploy/protocolParameters.js'
import { UnknownActionError } from '../../errors.js'
import { payoutsTree } from '../feeRouterSettlement.js'
import type { Action, SettleInput } from './actions.js'
import { BPS, type Model, rewardFloorLoss } from './model.js'
import {
  ADAPTER_CREATORS,
  AGENT_CREATORS,
  CONTRIBUTORS,
  PAYERS,
  type ProtocolHarness,
  SETTLER,
} from './protocolHarness.js'
import { expectRevert } from './runStakingAction.js'

const SPLITS = defaultProtocolParameters.splits
const share = (fees: bigint, bps: number) => (fees * BigInt(bps)) / BPS
const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)

/**
 * Runs one FeeRouter action on the devnet, asserting the outcome the model predicts (success with the exact
 * transfers, or the exact custom error), and updates the model when it succeeded.
 */
export async function runFeeRouterAction(h: ProtocolHarness, model: Model, action: Action): Promise<void> {
  switch (action.kind) {
    case 'deposit':
      return deposit(h, model, PAYERS[action.payer]!, action.amount)
    case 'settle':
      return settle(h, model, action.epoch)
    case 'claim':
      return claim(h, model, CONTRIBUTORS[action.contributor]!, action.twice)
    default:
      throw new UnknownActionError('fee router', action.kind)
  }
}

async function deposit(h: ProtocolHarness, model: Model, payer: number, amount: bigint) {
  const write = () => h.routerAs(payer).write.deposit([amount])
  if (amount === 0n) return expectRevert(write(), 'FeeRouterZeroAmount', [])
  await h.devnet.mined(write())
  const who = h.devnet.address(payer)
  model.prepaid.set(who, model.prepaid.get(who)! + amount)
}

/** `total` split by integer weights, the remainder to the last weight, so the parts sum to `total`. */
function splitByWeights(total: bigint, weights: readonly bigint[]): bigint[] {
  const all = sum(weights)
  const parts = weights.map((w) => (total * w) / all)
  parts[parts.length - 1]! += total - sum(parts)
  return parts
}

/** A settlement built from `input` by FeeRouter's rules: balanced unless `input.fault` breaks it. */
function settlementOf(h: ProtocolHarness, model: Model, input: SettleInput) {
  const payers = PAYERS.map((i) => h.devnet.address(i))
  const charges = payers.map((payer, k) => ({
    payer,
    amount: (model.prepaid.get(payer)! * input.chargePermille[k]!) / 1000n,
  }))
  if (input.fault === 'overcharge') charges[0]!.amount = model.prepaid.get(payers[0]!)! + 1n
  const total = sum(charges.map((c) => c.amount))
  const first = (total * input.firstAgentPercent) / 100n
  const [a, b] = h.agentIds()
  const agents = [
    { agentId: a!, fees: first },
    { agentId: b!, fees: total - first },
  ]
  const adapterPool = sum(agents.map(({ fees }) => share(fees, SPLITS.adapterCreators)))
  const firstAdapter = (adapterPool * input.firstAdapterPercent) / 100n
  const adapters = [
    { creator: ADAPTER_CREATORS[0]!, amount: firstAdapter },
    { creator: ADAPTER_CREATORS[1]!, amount: adapterPool - firstAdapter },
  ]
  const contributorPool = sum(agents.map(({ fees }) => share(fees, SPLITS.contributors)))
  const paid =
    input.fault === 'overpay' ? contributorPool + 1n : (contributorPool * input.paidPermille) / 1000n
  const added = splitByWeights(paid, input.contributorWeights)
  const cumulative = new Map(CONTRIBUTORS.map((c, k) => [c, model.cumulative.get(c)! + added[k]!]))
  return { charges, total, agents, adapters, contributorPool, paid, cumulative }
}

/**
 * Settles the next epoch from dev account 9. On success every party receives exactly its share: agent
 * creators and adapter creators their floors, AgentStaking the stakers' shares of agents with active stake,
 * the treasury the rest (stakers' shares of agents without stake included), and the router keeps
 * `contributorsPaid` out of the charges.
 */
async function settle(h: ProtocolHarness, model: Model, input: SettleInput) {
  const s = settlementOf(h, model, input)
  const epoch = model.lastEpoch + 1n
  const payouts = payoutsTree(s.cumulative)
  const receiptsRoot = keccak256(toHex(`receipts of epoch ${epoch}`))
  const args = [epoch, receiptsRoot, payouts.root, s.charges, s.agents, s.adapters, s.paid] as const
  const write = () => h.routerAs(SETTLER).write.settleEpoch(args)
  if (input.fault === 'overcharge') {
    const { payer, amount } = s.charges[0]!
    return expectRevert(write(), 'FeeRouterInsufficientBalance', [payer, amount - 1n, amount])
  }
  if (input.fault === 'overpay')
    return expectRevert(write(), 'FeeRouterContributorsOverpaid', [s.contributorPool, s.paid])

  const { AgentStaking, FeeRouter } = h.devnet.env.manifest.contracts
  const creators = AGENT_CREATORS.map((i) => h.devnet.address(i))
  const watched: Address[] = [...creators, ...ADAPTER_CREATORS, h.safe(), AgentStaking, FeeRouter]
  const before = await Promise.all(watched.map(h.balanceOf))
  await h.devnet.mined(write())
  const after = await Promise.all(watched.map(h.balanceOf))

  const creatorShares = s.agents.map(({ fees }) => share(fees, SPLITS.agentCreator))
  let toStaking = 0n
  let unstakedShares = 0n
  for (const { agentId, fees } of s.agents) {
    const stakersShare = share(fees, SPLITS.stakers)
    if (stakersShare === 0n) continue
    const agent = model.agents.get(agentId)!
    if (agent.active.shares === 0n || agent.active.tokens === 0n) {
      unstakedShares += stakersShare
      continue
    }
    toStaking += stakersShare
    rewardFloorLoss(model, agent, stakersShare)
  }
  const adapterPaid = sum(s.adapters.map((a) => a.amount))
  const treasury = s.total - sum(creatorShares) - toStaking - unstakedShares - adapterPaid - s.paid
  expect(after.map((balance, k) => balance - before[k]!)).toEqual([
    ...creatorShares,
    ...s.adapters.map((a) => a.amount),
    treasury + unstakedShares,
    toStaking,
    s.paid - s.total,
  ])

  for (const { payer, amount } of s.charges) model.prepaid.set(payer, model.prepaid.get(payer)! - amount)
  model.lastEpoch = epoch
  model.cumulative = s.cumulative
  model.contributorsFunded += s.paid
}

/**
 * Invariants 3 and 6 for contributors: a claim pays exactly `cumulative − claimed`; claiming the same
 * cumulative again reverts with FeeRouterNothingToClaim.
 */
async function claim(h: ProtocolHarness, model: Model, contributor: Address, twice: boolean) {
  const { cumulative, proof } = payoutsTree(model.cumulative).proofOf(contributor)
  const claimOnce = () => h.routerAs(3).write.claim([contributor, cumulative, proof as Hex[]])
  if (model.lastEpoch === 0n)
    return expectRevert(claimOnce(), 'FeeRouterInvalidProof', [contributor, cumulative])
  const claimed = model.contributorClaimed.get(contributor)!
  if (cumulative <= claimed) return expectRevert(claimOnce(), 'FeeRouterNothingToClaim', [contributor])
  const before = await h.balanceOf(contributor)
  await h.devnet.mined(claimOnce())
  expect((await h.balanceOf(contributor)) - before).toBe(cumulative - claimed)
  model.contributorClaimed.set(contributor, cumulative)
  model.contributorsClaimed += cumulative - claimed
  if (twice) await expectRevert(claimOnce(), 'FeeRouterNothingToClaim', [contributor])
}
