import type { PostEpochCall, Splits } from '@openledger/staking'
import type { Address, Hex } from 'viem'
import type { EpochStatus, SettlementEpochsTable } from './tables.js'

/** An epoch as the ledger holds it. */
export type LedgerEpoch = {
  epoch: bigint
  /** built → sent → posted → final, or posted → vetoed (see `EpochStatus`). */
  status: EpochStatus
  receiptsRoot: Hex
  payoutsRoot: Hex
  receiptCount: number
  totalFees: bigint
  contributorsPaid: bigint
  /** The splits the call was planned under. */
  splits: Splits
  /** The exact `postEpoch` arguments, written before sending (`finalizeEpoch` and `refundCharges` reuse them). */
  call: PostEpochCall
  /** The `postEpoch` transaction and its block. */
  txHash: Hex | null
  blockNumber: bigint | null
  createdAt: string
  sentAt: string | null
  postedAt: string | null
  /** Block time (unix seconds) from which anyone may finalise it; null until posted. */
  finalizesAt: bigint | null
  finalTxHash: Hex | null
  finalAt: string | null
  refundTxHash: Hex | null
  vetoedAt: string | null
}

type CallJson = {
  charges: { payer: Address; amount: string }[]
  agents: { agentId: string; fees: string }[]
  adapterCreators: { creator: Address; amount: string }[]
}

/** The JSON kept in `settlement_epochs.call` (the roots, epoch and contributors' total have columns). */
export function encodeCall(call: PostEpochCall): string {
  const json: CallJson = {
    charges: call.charges.map(({ payer, amount }) => ({ payer, amount: amount.toString() })),
    agents: call.agents.map(({ agentId, fees }) => ({ agentId: agentId.toString(), fees: fees.toString() })),
    adapterCreators: call.adapterCreators.map(({ creator, amount }) => ({
      creator,
      amount: amount.toString(),
    })),
  }
  return JSON.stringify(json)
}

export function fromEpochRecord(record: SettlementEpochsTable): LedgerEpoch {
  const json = JSON.parse(record.call) as CallJson
  const epoch = BigInt(record.epoch)
  return {
    epoch,
    status: record.status,
    receiptsRoot: record.receipts_root as Hex,
    payoutsRoot: record.payouts_root as Hex,
    receiptCount: Number(record.receipt_count),
    totalFees: BigInt(record.total_fees),
    contributorsPaid: BigInt(record.contributors_paid),
    splits: JSON.parse(record.splits) as Splits,
    call: {
      epoch,
      receiptsRoot: record.receipts_root as Hex,
      payoutsRoot: record.payouts_root as Hex,
      charges: json.charges.map(({ payer, amount }) => ({ payer, amount: BigInt(amount) })),
      agents: json.agents.map(({ agentId, fees }) => ({ agentId: BigInt(agentId), fees: BigInt(fees) })),
      adapterCreators: json.adapterCreators.map(({ creator, amount }) => ({
        creator,
        amount: BigInt(amount),
      })),
      contributorsPaid: BigInt(record.contributors_paid),
    },
    txHash: record.tx_hash as Hex | null,
    blockNumber: record.block_number === null ? null : BigInt(record.block_number),
    createdAt: record.created_at,
    sentAt: record.sent_at,
    postedAt: record.posted_at,
    finalizesAt: record.finalizes_at === null ? null : BigInt(record.finalizes_at),
    finalTxHash: record.final_tx_hash as Hex | null,
    finalAt: record.final_at,
    refundTxHash: record.refund_tx_hash as Hex | null,
    vetoedAt: record.vetoed_at,
  }
}
