import { type ChainConnection, MissingEventError, sendContractCall } from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import type { StoreSession } from '@openledger/store'
import { type Account, type Address, getAddress, type Hex, isAddressEqual, parseEventLogs } from 'viem'
import { resolveLicense } from '../content/licenses.js'
import type { UnknownLicenseError } from '../errors/contribution.js'
import type { DatanetStoreConflictError } from '../errors/datanet.js'
import type { Datanet } from '../types.js'
import { accountOf } from './accountOf.js'
import { syncDatanet } from './syncDatanet.js'

export type CreateDatanetParameters = {
  /** The DatanetRegistry (`manifest.contracts.DatanetRegistry`). */
  registry: Address
  /** Sends the transaction (an account or its private key); the curator unless `curator` says otherwise. */
  account: Account | Hex
  /** Default: the sender. */
  curator?: Address | undefined
  /** An accepted SPDX id (see `DATANET_LICENSES`); stored on-chain in its canonical spelling. */
  license: string
  metadataURI: string
  /** A label kept in the store only. */
  name?: string | undefined
}

export type CreateDatanetErrorType = UnknownLicenseError | DatanetStoreConflictError

/**
 * Creates a datanet on-chain (the registry's `createDatanet`), reads its id from the `DatanetCreated` event
 * and mirrors it in the store, through chain's `sendContractCall`: a contract revert is a
 * `ContractCallRevertedError` with the registry's error and values; nothing is sent when the simulation reverts. If the store write fails after the transaction, the datanet
 * exists on-chain: `syncDatanet` mirrors it.
 *
 * @example
 * const datanet = await createDatanet(connection, store, {
 *   registry: manifest.contracts.DatanetRegistry,
 *   account: curatorKey,
 *   license: 'CC-BY-4.0',
 *   metadataURI: 'ipfs://bafy…/datanet.json',
 *   name: 'defi-faq',
 * })
 */
export async function createDatanet(
  connection: ChainConnection,
  store: StoreSession,
  parameters: CreateDatanetParameters,
): Promise<Datanet> {
  const account = accountOf(parameters.account)
  const registry = getAddress(parameters.registry)
  const license = resolveLicense(parameters.license)
  const curator = getAddress(parameters.curator ?? account.address)
  const { hash, receipt } = await sendContractCall(connection, {
    account,
    address: registry,
    abi: datanetRegistryAbi,
    functionName: 'createDatanet',
    args: [curator, license, parameters.metadataURI],
  })
  const logs = receipt.logs.filter((log) => isAddressEqual(log.address, registry))
  const [created] = parseEventLogs({ abi: datanetRegistryAbi, logs, eventName: 'DatanetCreated' })
  if (!created) throw new MissingEventError('createDatanet', hash, 'DatanetCreated')
  const datanet = { chainId: connection.chainId, registry, datanetId: created.args.datanetId }
  return syncDatanet(connection, store, { datanet, name: parameters.name })
}
