import { buildEpoch, type Epoch, type Receipt } from '@openledger/attribution'
import type { SettleEpochCall, Splits } from '@openledger/staking'
import type { Address, Hex } from 'viem'
import { InvalidSettlementInputError } from '../errors.js'
import { splitAdapterFees } from './splitAdapterFees.js'

/** A metered receipt with the on-chain id of the agent that answered. */
export type MeteredReceipt = { receipt: Receipt; agentId: bigint }

export type PlanSettlementParameters = {
  epoch: bigint
  receipts: readonly MeteredReceipt[]
  /** FeeRouter's current splits: `settleEpoch` checks the adapter pool against them. */
  splits: Splits
  /** Every contributor's cumulative payout after the previous epoch. */
  previousCumulative: ReadonlyMap<Address, bigint>
  /** Adapter creators by adapter sha256 (lowercase); see `splitAdapterFees`. */
  adapterCreators: ReadonlyMap<Hex, Address>
  treasury: Address
}

export type SettlementPlan = {
  /** The exact arguments of `FeeRouter.settleEpoch`. */
  call: SettleEpochCall
  /** The epoch's trees (receipts, cumulative payouts) and the contributors' split. */
  tree: Epoch
  totalFees: bigint
}

const byAddress = ([a]: [Address, bigint], [b]: [Address, bigint]) =>
  a.toLowerCase() < b.toLowerCase() ? -1 : 1
const byAgentId = ([a]: [bigint, bigint], [b]: [bigint, bigint]) => (a < b ? -1 : 1)

function sumBy<K>(items: readonly MeteredReceipt[], key: (m: MeteredReceipt) => K) {
  const sums = new Map<K, bigint>()
  for (const m of items) sums.set(key(m), (sums.get(key(m)) ?? 0n) + m.receipt.fee)
  return sums
}

/**
 * Turns an epoch's receipts into one `settleEpoch` call: charges summed per payer, fees summed per agent, the
 * adapter creators' pool split exactly (`splitAdapterFees`), and the contributors' split with its two Merkle
 * trees (`buildEpoch`). The call's size grows with the epoch's payers, agents and adapter creators, never with
 * its receipts. Deterministic: the same receipts in any order give the same call.
 *
 * @example
 * const { call, tree } = planSettlement({ epoch: 1n, receipts, splits, previousCumulative: new Map(), adapterCreators, treasury })
 */
export function planSettlement(parameters: PlanSettlementParameters): SettlementPlan {
  const { epoch, receipts, splits, previousCumulative, adapterCreators, treasury } = parameters
  if (epoch < 1n) throw new InvalidSettlementInputError(`epoch is ${epoch}; epochs start at 1`)
  if (receipts.length === 0) throw new InvalidSettlementInputError(`epoch ${epoch} has no receipts`)
  for (const { agentId, receipt } of receipts)
    if (agentId < 1n)
      throw new InvalidSettlementInputError(`receipt ${receipt.requestId} has agent id ${agentId}`)

  const tree = buildEpoch({
    epoch,
    receipts: receipts.map((m) => m.receipt),
    previousCumulative,
    contributorShareBps: splits.contributors,
  })
  const charges = [...sumBy(receipts, (m) => m.receipt.payer)]
    .sort(byAddress)
    .map(([payer, amount]) => ({ payer, amount }))
  const agents = [...sumBy(receipts, (m) => m.agentId)]
    .sort(byAgentId)
    .map(([agentId, fees]) => ({ agentId, fees }))
  const adapterCreatorFees = splitAdapterFees({
    receipts: receipts.map(({ agentId, receipt }) => ({
      agentId,
      fee: receipt.fee,
      adapters: receipt.adapters.map((a) => a.sha256),
    })),
    bps: splits.adapterCreators,
    creators: adapterCreators,
    treasury,
  })
  const contributorsPaid = [...tree.amounts.values()].reduce((a, b) => a + b, 0n)
  return {
    call: {
      epoch,
      receiptsRoot: tree.receiptsRoot,
      payoutsRoot: tree.payoutsRoot,
      charges,
      agents,
      adapterCreators: adapterCreatorFees,
      contributorsPaid,
    },
    tree,
    totalFees: tree.totalFees,
  }
}
