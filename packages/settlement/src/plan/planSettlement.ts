import { buildEpoch, type Epoch, type Receipt } from '@openledger/attribution'
import type { PostEpochCall, Splits } from '@openledger/staking'
import { type Address, getAddress, type Hex } from 'viem'
import { InvalidSettlementInputError } from '../errors.js'
import { splitAdapterFees } from './splitAdapterFees.js'

/** A metered receipt with the on-chain id of the agent that answered. */
export type MeteredReceipt = { receipt: Receipt; agentId: bigint }

export type PlanSettlementParameters = {
  epoch: bigint
  receipts: readonly MeteredReceipt[]
  /** FeeRouter's splits when the epoch is posted: `postEpoch` checks the pools against them. */
  splits: Splits
  /** Adapter creators by adapter sha256 (lowercase); see `splitAdapterFees`. */
  adapterCreators: ReadonlyMap<Hex, Address>
  treasury: Address
}

export type SettlementPlan = {
  /** The exact arguments of `FeeRouter.postEpoch`. */
  call: PostEpochCall
  /** The epoch's trees (receipts, this epoch's payouts) and the contributors' split. */
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
 * Turns an epoch's receipts into one `postEpoch` call: charges summed per payer (sorted by address, payers
 * charged nothing left out), fees summed per agent, the adapter creators' pool split exactly
 * (`splitAdapterFees`), and the contributors' split with its two Merkle trees (`buildEpoch`: the receipts, and
 * this epoch's payouts alone). The call's size grows with the epoch's payers, agents and adapter creators,
 * never with its receipts. Deterministic: the same receipts in any order give the same call, so anyone can
 * recompute a posted epoch from its published receipts.
 *
 * @example
 * const { call, tree } = planSettlement({ epoch: 1n, receipts, splits, adapterCreators, treasury })
 */
export function planSettlement(parameters: PlanSettlementParameters): SettlementPlan {
  const { epoch, receipts, splits, adapterCreators, treasury } = parameters
  if (epoch < 1n) throw new InvalidSettlementInputError(`epoch is ${epoch}; epochs start at 1`)
  if (receipts.length === 0) throw new InvalidSettlementInputError(`epoch ${epoch} has no receipts`)
  for (const { agentId, receipt } of receipts)
    if (agentId < 1n)
      throw new InvalidSettlementInputError(`receipt ${receipt.requestId} has agent id ${agentId}`)

  const tree = buildEpoch({
    epoch,
    receipts: receipts.map((m) => m.receipt),
    contributorShareBps: splits.contributors,
  })
  const charges = [...sumBy(receipts, (m) => getAddress(m.receipt.payer))]
    .filter(([, amount]) => amount > 0n)
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
