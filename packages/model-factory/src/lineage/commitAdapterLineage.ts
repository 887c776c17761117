import { type ChainConnection, readContractCall, sendContractCall } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import { type Account, type Hex, toHex } from 'viem'
import { adapterCommitment } from './adapterCommitment.js'
import type { AdapterCommitmentError } from './claimErrors.js'
import type { LineageRevertError } from './errors.js'
import { toLineageError } from './toLineageError.js'
import type { LineageContracts } from './types.js'

export type CommitAdapterLineageParameters = {
  /** The adapter's creator (the commitment binds it). */
  creator: Account['address']
  /** Sends and pays (the creator, or a relayer). */
  sender: Account
  adapterSha256: Hex
  /** The training rows root the registration will name (`trainingRowsTree(rowIds).root`). */
  trainingRowsRoot: Hex
  /** Default: 32 random bytes. A salt whose commitment is on-chain already is not committed again. */
  salt?: Hex
}

export type CommitAdapterLineageReturnType = {
  /** Keep it: the registration reveals it. */
  salt: Hex
  commitment: Hex
  /** The block that recorded the commitment: the registration must come in a later one. */
  commitBlock: bigint
  /** The commit transaction; undefined when the commitment was on-chain already. */
  hash: Hex | undefined
}

export type CommitAdapterLineageErrorType = AdapterCommitmentError | LineageRevertError

/**
 * Records a creator's commitment to register an adapter (ModelRegistry's `commitAdapter`), hiding the adapter
 * hash until the registration reveals it. Commit as soon as the adapter's files exist, before publishing them:
 * the earliest commitment wins the adapter, so a squatter who learns the hash from a published file commits too
 * late. A salt already committed is not sent again (its block never moves).
 *
 * @example
 * const { salt } = await commitAdapterLineage(connection, manifest.contracts, {
 *   creator: creator.address, sender: creator, adapterSha256, trainingRowsRoot: root,
 * })
 */
export async function commitAdapterLineage(
  connection: ChainConnection,
  contracts: LineageContracts,
  parameters: CommitAdapterLineageParameters,
): Promise<CommitAdapterLineageReturnType> {
  const { creator, sender, adapterSha256, trainingRowsRoot } = parameters
  const salt = parameters.salt ?? toHex(crypto.getRandomValues(new Uint8Array(32)))
  const commitment = adapterCommitment({ creator, adapterSha256, trainingRowsRoot, salt })
  try {
    const recorded = await readContractCall(connection, {
      address: contracts.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: 'committedAt',
      args: [commitment],
    })
    if (recorded.blockNumber !== 0n)
      return { salt, commitment, commitBlock: recorded.blockNumber, hash: undefined }
    const { hash, receipt } = await sendContractCall(connection, {
      account: sender,
      address: contracts.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: 'commitAdapter',
      args: [commitment],
    })
    return { salt, commitment, commitBlock: receipt.blockNumber, hash }
  } catch (error) {
    throw toLineageError(error)
  }
}
