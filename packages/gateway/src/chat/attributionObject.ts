import {
  type AttributeAnswerReturnType,
  type ReceiptKind,
  type ReceiptV2,
  SHARE_SCALE,
} from '@openledger/attribution'
import type { Address, Hex } from 'viem'
import type { ExecutedAction } from './executedActionOf.js'

/** The `attribution` object of an answer: its receipt in brief, who it credits, and why. */
export type Attribution = {
  receiptId: Hex
  /** What was charged: an answer, here. */
  kind: ReceiptKind
  /** The chain and FeeRouter the fee is charged through, decimal and checksummed. */
  chainId: string
  feeRouter: Address
  /** sha256 of the weights of the base model that answered. */
  baseModel: Hex
  /** The agent's on-chain id, decimal. */
  agentId: string
  /** Wei of OPEN, decimal. */
  fee: string
  payer: Address
  noEvidence: boolean
  adapters: { id: string; sha256: Hex }[]
  /** Largest share first; `share` is 1e18 fixed point, decimal; `percent` the same as a number. */
  contributors: { contributor: Address; share: string; percent: number }[]
  rows: {
    datanetId: string
    rowId: Hex
    contributor: Address
    weight: string
    method: string
    text: string
  }[]
  /** Verbatim spans: `start`/`end` are character offsets into the answer. */
  spans: { datanetId: string; rowId: Hex; start: number; end: number; text: string }[]
  receiptUrl: string
  /** For kind `action`: the pending action the answer ran, and its transaction (or Safe proposal) hash. */
  action?: ExecutedAction
}

export type AttributionSpan = Attribution['spans'][number]

/**
 * The `attribution` object of an answer from its receipt, the attribution result, the row texts and the spans
 * located in the answer.
 */
export function attributionObject(parameters: {
  receipt: ReceiptV2
  receiptId: Hex
  result: AttributeAnswerReturnType
  rowText: (rowId: Hex) => string
  spans: AttributionSpan[]
  action?: ExecutedAction | undefined
}): Attribution {
  const { receipt, receiptId, result } = parameters
  const contributors = result.evidence
    ? result.contributors.map(({ contributor, share }) => ({
        contributor,
        share: share.toString(),
        percent: Number((share * 1_000_000n) / SHARE_SCALE) / 10_000,
      }))
    : []
  return {
    receiptId,
    kind: receipt.kind,
    chainId: receipt.chainId.toString(),
    feeRouter: receipt.feeRouter,
    baseModel: receipt.baseModel,
    agentId: receipt.agentId,
    fee: receipt.fee.toString(),
    payer: receipt.payer,
    noEvidence: receipt.noEvidence,
    adapters: receipt.adapters.map(({ id, sha256 }) => ({ id, sha256 })),
    contributors,
    rows: receipt.contributions.map((c) => ({
      datanetId: c.datanetId.toString(),
      rowId: c.rowId,
      contributor: c.contributor,
      weight: c.weight.toString(),
      method: c.method,
      text: parameters.rowText(c.rowId),
    })),
    spans: parameters.spans,
    receiptUrl: `/v1/receipts/${receiptId}`,
    ...(parameters.action ? { action: parameters.action } : {}),
  }
}
