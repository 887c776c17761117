import type { Address, Hex } from 'viem'

/**
 * Which datanet: its on-chain id in one DatanetRegistry on one chain. Ids restart at 1 in every registry, so
 * all three name it (and all three go into row ids and contribution signatures).
 *
 * @example
 * const datanet: DatanetRef = { chainId: connection.chainId, registry: manifest.contracts.DatanetRegistry, datanetId: 1n }
 */
export type DatanetRef = { chainId: number; registry: Address; datanetId: bigint }

/** What a row holds: a plain text (a document) or a prompt with its completion. */
export type RowContent =
  | { kind: 'text'; text: string }
  | { kind: 'prompt_completion'; prompt: string; completion: string }

/** A row's review state: every row starts pending and is accepted or rejected once. */
export type RowStatus = 'pending' | 'accepted' | 'rejected'

/** A datanet as mirrored in the store (the chain is the source of truth for curator, license and URI). */
export type Datanet = DatanetRef & {
  curator: Address
  license: string
  metadataURI: string
  /** A label kept only in the store. */
  name: string | null
  /** The registry's `createdAt` (unix seconds): tells this datanet from one of a reset chain. */
  chainCreatedAt: bigint
}

/** One contributed row. */
export type DatanetRow = {
  rowId: Hex
  datanet: DatanetRef
  contentHash: Hex
  content: RowContent
  license: string
  contributor: Address
  /** The contributor's EIP-712 `Contribution` signature. */
  signature: Hex
  status: RowStatus
  review: { curator: Address; reason: string | null; at: Date } | null
  /** The batch the row was committed in: its root, and its index once the commit is mined. */
  batch: { root: Hex; index: number | null } | null
  createdAt: Date
}

/** Everything needed to check a committed row against the registry's `verifyRow`. */
export type RowProof = {
  datanet: DatanetRef
  batchIndex: number
  root: Hex
  rowId: Hex
  contributor: Address
  contentHash: Hex
  proof: Hex[]
}

/** Per-row limits checked on every contribution. */
export type RowLimits = {
  /** UTF-8 bytes of all the row's text together; default 16,384. */
  maxBytes: number
  /** Tokens of all the row's text together, counted by `countTokens`; no limit when either is absent. */
  maxTokens?: number | undefined
  countTokens?: ((text: string) => number) | undefined
}
