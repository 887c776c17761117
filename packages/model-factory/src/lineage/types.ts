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
  /** Revoked by the treasury Safe (e.g. a license problem): readable, but not servable, its creator unpaid. */
  revoked: boolean
  /** Unix seconds of the revocation; 0n while not revoked. */
  revokedAt: bigint
  /** Whether the treasury Safe set the creator, settling a dispute (then no claim takes the adapter over). */
  reassigned: boolean
  /** The block of the commitment the registration revealed (an earlier one would take the adapter over). */
  commitBlock: bigint
  uri: string
  datanetIds: readonly bigint[]
}

/** What an adapter's creator signs to register it (ModelRegistry's EIP-712 `AdapterClaim`). */
export type { AdapterClaim } from '@openledger/contracts'
