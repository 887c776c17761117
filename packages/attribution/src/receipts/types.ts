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

/**
 * The Proof of Attribution receipt of one paid response. Its id is `receiptId(receipt)`; the epoch is not part
 * of it (an epoch's tree commits to receipts, not the other way round).
 */
export type Receipt = {
  /** 32 bytes unique to the request, so two identical paid requests get two receipts (and two debits). */
  requestId: Hex
  agentId: string
  /** A set: encoded sorted by id; ids are unique. */
  adapters: ReceiptAdapter[]
  /** keccak256 of the response text (UTF-8). */
  responseHash: Hex
  /** Wei of OPEN charged for the response. */
  fee: bigint
  payer: Address
  /** Unix seconds. */
  timestamp: bigint
  /** True when no method found evidence: no contributions, and the contributor share goes to the treasury. */
  noEvidence: boolean
  /** A set: encoded sorted by (datanetId, rowId, method); weights sum to exactly 1e18 unless `noEvidence`. */
  contributions: ReceiptContribution[]
}

/** Bumped whenever the encoding changes, so receipts of different formats never share an id. */
export const RECEIPT_VERSION = 1

/**
 * The receipt's ABI type: `abi.encode(r)` of this Solidity struct (one tuple parameter):
 *
 *     struct Adapter { string id; bytes32 sha256; }
 *     struct Contribution { uint256 datanetId; bytes32 rowId; address contributor; uint256 weight; string method; }
 *     struct Receipt { uint8 version; bytes32 requestId; string agentId; Adapter[] adapters; bytes32 responseHash;
 *       uint256 fee; address payer; uint64 timestamp; bool noEvidence; Contribution[] contributions; }
 */
export const receiptAbiParameters = [
  {
    type: 'tuple',
    name: 'receipt',
    components: [
      { type: 'uint8', name: 'version' },
      { type: 'bytes32', name: 'requestId' },
      { type: 'string', name: 'agentId' },
      {
        type: 'tuple[]',
        name: 'adapters',
        components: [
          { type: 'string', name: 'id' },
          { type: 'bytes32', name: 'sha256' },
        ],
      },
      { type: 'bytes32', name: 'responseHash' },
      { type: 'uint256', name: 'fee' },
      { type: 'address', name: 'payer' },
      { type: 'uint64', name: 'timestamp' },
      { type: 'bool', name: 'noEvidence' },
      {
        type: 'tuple[]',
        name: 'contributions',
        components: [
          { type: 'uint256', name: 'datanetId' },
          { type: 'bytes32', name: 'rowId' },
          { type: 'address', name: 'contributor' },
          { type: 'uint256', name: 'weight' },
          { type: 'string', name: 'method' },
        ],
      },
    ],
  },
] as const
