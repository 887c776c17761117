import { BaseError } from '@openledger/errors'
import type { DatanetRef } from '../types.js'
import { describeDatanet } from './describeDatanet.js'

/**
 * A datanet that is not in the store (or, for chain reads, not in the registry).
 *
 * @example
 * try {
 *   await contributeRow(store, contribution)
 * } catch (error) {
 *   if (error instanceof UnknownDatanetError) console.error(error.datanet.datanetId)
 * }
 */
export class UnknownDatanetError extends BaseError {
  override name = 'UnknownDatanetError'
  readonly datanet: DatanetRef

  constructor(datanet: DatanetRef, where: 'store' | 'chain') {
    super(`Unknown ${describeDatanet(datanet)}${where === 'store' ? ' in the store' : ''}.`, {
      metaMessages: [
        where === 'store'
          ? 'Create it with createDatanet, or mirror an existing one with syncDatanet.'
          : 'The registry has no datanet with this id.',
      ],
    })
    this.datanet = datanet
  }
}

/**
 * The store holds a datanet under this chain, registry and id that the chain created at another time: a
 * reset chain (a fresh devnet deploys the registry at the same address) reused the id. Nothing is changed.
 *
 * @example
 * try {
 *   await syncDatanet(connection, store, { datanet })
 * } catch (error) {
 *   if (error instanceof DatanetStoreConflictError) console.error('use a fresh store for a fresh chain')
 * }
 */
export class DatanetStoreConflictError extends BaseError {
  override name = 'DatanetStoreConflictError'
  readonly datanet: DatanetRef

  constructor(datanet: DatanetRef, storedCreatedAt: bigint, chainCreatedAt: bigint) {
    super(`The store's ${describeDatanet(datanet)} is not the one on the chain.`, {
      metaMessages: [
        `Created at ${storedCreatedAt} in the store's record, at ${chainCreatedAt} on the chain: the chain was reset.`,
        'Use a fresh store (another directory or database) for the new chain.',
      ],
    })
    this.datanet = datanet
  }
}
