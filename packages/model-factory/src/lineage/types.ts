import type { Address, Hex } from 'viem'

/** The ModelRegistry's address, as in `manifest.contracts`. */
export type LineageContracts = { ModelRegistry: Address }

/** An adapter's lineage as the ModelRegistry records it. */
export type AdapterLineage = {
  creator: Address
  /** sha256 of the base model the adapter was trained on. */
  baseModelSha256: Hex
  /** Merkle root of the training row ids (see `trainingRowsTree`). */
  trainingRowsRoot: Hex
  rowCount: number
  /** Unix seconds of the registering block. */
  registeredAt: bigint
  /** Revoked by the treasury Safe (e.g. a license problem): readable, but not servable. */
  revoked: boolean
  uri: string
  datanetIds: readonly bigint[]
}
