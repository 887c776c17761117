import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import { type Account, type Hex, isHex, size, type TransactionReceipt } from 'viem'
import {
  type AdapterAlreadyRegisteredError,
  type DuplicateDatanetError,
  type InvalidDatanetCountError,
  InvalidLineageHashError,
  type LineageRevertError,
  type UnknownDatanetError,
} from './errors.js'
import { toLineageError } from './toLineageError.js'
import { type TrainingRowsTreeErrorType, trainingRowsTree } from './trainingRowsTree.js'
import type { LineageContracts } from './types.js'

export type RegisterAdapterLineageParameters = {
  /** Signs and pays; recorded as the adapter's creator (settlement pays it the adapter creators' share). */
  account: Account
  /** The adapter's content address: `0x` + lora-host's `adapterSha256` of its files. */
  adapterSha256: Hex
  baseModelSha256: Hex
  /** The Datanet row ids the adapter was trained on, in any order, each once. */
  rowIds: readonly Hex[]
  /** The datanets those rows come from: 1 to 16, each existing. */
  datanetIds: readonly bigint[]
  /** Where the adapter's files or model card live. */
  uri: string
}

export type RegisterAdapterLineageReturnType = {
  hash: Hex
  receipt: TransactionReceipt
  /** The training rows root registered. */
  root: Hex
}

export type RegisterAdapterLineageErrorType =
  | TrainingRowsTreeErrorType
  | InvalidLineageHashError
  | InvalidDatanetCountError
  | UnknownDatanetError
  | DuplicateDatanetError
  | AdapterAlreadyRegisteredError
  | LineageRevertError

/**
 * Registers an adapter's lineage in the ModelRegistry: its creator (`account`), base model, datanets and the
 * Merkle root of its training rows, through chain's `sendContractCall`: simulated first, so a revert throws its
 * typed error and nothing is sent; then sent and waited for (a mined revert is typed too).
 *
 * @example
 * const { root } = await registerAdapterLineage(connection, manifest.contracts, {
 *   account: creator,
 *   adapterSha256: `0x${adapterSha256(await readPeftAdapterDir('./out/defi-lora'))}`,
 *   baseModelSha256,
 *   rowIds: rows.map((row) => row.rowId),
 *   datanetIds: [datanet.datanetId],
 *   uri: 'ipfs://bafy…/defi-lora',
 * })
 */
export async function registerAdapterLineage(
  connection: ChainConnection,
  contracts: LineageContracts,
  parameters: RegisterAdapterLineageParameters,
): Promise<RegisterAdapterLineageReturnType> {
  const { account, adapterSha256, baseModelSha256, rowIds, datanetIds, uri } = parameters
  for (const [field, value] of [
    ['adapterSha256', adapterSha256],
    ['baseModelSha256', baseModelSha256],
  ] as const) {
    if (typeof value !== 'string' || !isHex(value, { strict: true }) || size(value) !== 32) {
      throw new InvalidLineageHashError(field, value)
    }
  }
  const { root, tree } = trainingRowsTree(rowIds)
  try {
    const { hash, receipt } = await sendContractCall(connection, {
      account,
      address: contracts.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: 'registerAdapter',
      args: [adapterSha256, baseModelSha256, root, tree.length, datanetIds, uri],
    })
    return { hash, receipt, root }
  } catch (error) {
    throw toLineageError(error)
  }
}
