import type { Address, Hex } from 'viem'

/** An adapter that took part in the response, by registry id and content hash. */
export type ReceiptAdapter = { id: string; sha256: Hex }

/** One Datanet row's share of the response. */
export type ReceiptContribution = {
  datanetId: bigint
  /** 32 bytes. */
  rowId: Hex
  contributor: Address
  /** Fixed point, 1e18 = the whole response; > 0. */
  weight: bigint
  /** The attribution method behind the weight: span, retrieval, influence (free text for future methods). */
  method: string
}

/** What a charge was for: an agent's answer, a fine-tuning job, or an agent's action. */
export type ReceiptKind = 'answer' | 'fine-tune' | 'action'

/** Every `ReceiptKind`, in the order they were introduced. */
export const receiptKinds = ['answer', 'fine-tune', 'action'] as const satisfies readonly ReceiptKind[]

/** The fields every receipt version has. */
export type ReceiptFields = {
  /** 32 bytes unique to the request, so two identical paid requests get two receipts (and two debits). */
  requestId: Hex
  agentId: string
  /** A set: encoded sorted by id; ids are unique. */
  adapters: ReceiptAdapter[]
  /** keccak256 of what was delivered: for an answer, its text (UTF-8). */
  responseHash: Hex
  /** Wei of OPEN charged. */
  fee: bigint
  payer: Address
  /** Unix seconds. */
  timestamp: bigint
  /** True when no method found evidence: no contributions, and the contributor share goes to the treasury. */
  noEvidence: boolean
  /** A set: encoded sorted by (datanetId, rowId, method); weights sum to exactly 1e18 unless `noEvidence`. */
  contributions: ReceiptContribution[]
}

/**
 * A version 1 receipt: bound to no deployment and no base model. Still read, hashed and verified; no longer
 * issued. Its object and JSON forms have no `version` key (that is how version 1 was written); `version: 1` is
 * accepted and dropped by `canonicalReceipt`.
 */
export type ReceiptV1 = ReceiptFields & { version?: 1 }

/**
 * A version 2 receipt: also commits to the deployment it is charged on (so it cannot be replayed on another
 * chain or FeeRouter), the base model that ran (so a cheaper model cannot hide behind an agent's name) and what
 * the charge was for (so every charge, not only answers, has a receipt).
 */
export type ReceiptV2 = ReceiptFields & {
  version: 2
  /** The chain the fee is charged on: a positive integer below 2^64. */
  chainId: bigint
  /** The FeeRouter that charges it, checksummed. */
  feeRouter: Address
  /** sha256 of the base model's weights, 32 bytes. */
  baseModel: Hex
  kind: ReceiptKind
}

/**
 * The Proof of Attribution receipt of one paid response (version 1 or 2; `version` tells them apart). Its id is
 * `receiptId(receipt)`; the epoch is not part of it (an epoch's tree commits to receipts, not the other way
 * round).
 */
export type Receipt = ReceiptV1 | ReceiptV2

/** The version new receipts get. Each version has its own encoding, so receipts of two formats never share an id. */
export const RECEIPT_VERSION = 2

const adapterComponents = [
  { type: 'string', name: 'id' },
  { type: 'bytes32', name: 'sha256' },
] as const

const contributionComponents = [
  { type: 'uint256', name: 'datanetId' },
  { type: 'bytes32', name: 'rowId' },
  { type: 'address', name: 'contributor' },
  { type: 'uint256', name: 'weight' },
  { type: 'string', name: 'method' },
] as const

/**
 * A version 1 receipt's ABI type: `abi.encode(r)` of this Solidity struct (one tuple parameter), version 1:
 *
 *     struct Adapter { string id; bytes32 sha256; }
 *     struct Contribution { uint256 datanetId; bytes32 rowId; address contributor; uint256 weight; string method; }
 *     struct Receipt { uint8 version; bytes32 requestId; string agentId; Adapter[] adapters; bytes32 responseHash;
 *       uint256 fee; address payer; uint64 timestamp; bool noEvidence; Contribution[] contributions; }
 */
export const receiptV1AbiParameters = [
  {
    type: 'tuple',
    name: 'receipt',
    components: [
      { type: 'uint8', name: 'version' },
      { type: 'bytes32', name: 'requestId' },
      { type: 'string', name: 'agentId' },
      { type: 'tuple[]', name: 'adapters', components: adapterComponents },
      { type: 'bytes32', name: 'responseHash' },
      { type: 'uint256', name: 'fee' },
      { type: 'address', name: 'payer' },
      { type: 'uint64', name: 'timestamp' },
      { type: 'bool', name: 'noEvidence' },
      { type: 'tuple[]', name: 'contributions', components: contributionComponents },
    ],
  },
] as const

/**
 * A version 2 receipt's ABI type: `abi.encode(r)` of this Solidity struct (one tuple parameter), version 2,
 * with `Adapter` and `Contribution` as in version 1 and `kind` as its string (`answer`, `fine-tune`, `action`):
 *
 *     struct ReceiptV2 { uint8 version; uint256 chainId; address feeRouter; string kind; bytes32 requestId;
 *       string agentId; bytes32 baseModel; Adapter[] adapters; bytes32 responseHash; uint256 fee; address payer;
 *       uint64 timestamp; bool noEvidence; Contribution[] contributions; }
 */
export const receiptV2AbiParameters = [
  {
    type: 'tuple',
    name: 'receipt',
    components: [
      { type: 'uint8', name: 'version' },
      { type: 'uint256', name: 'chainId' },
      { type: 'address', name: 'feeRouter' },
      { type: 'string', name: 'kind' },
      { type: 'bytes32', name: 'requestId' },
      { type: 'string', name: 'agentId' },
      { type: 'bytes32', name: 'baseModel' },
      { type: 'tuple[]', name: 'adapters', components: adapterComponents },
      { type: 'bytes32', name: 'responseHash' },
      { type: 'uint256', name: 'fee' },
      { type: 'address', name: 'payer' },
      { type: 'uint64', name: 'timestamp' },
      { type: 'bool', name: 'noEvidence' },
      { type: 'tuple[]', name: 'contributions', components: contributionComponents },
    ],
  },
] as const
