import { type Address, getAddress, type Hex } from 'viem'
import type { Datanet, DatanetRef, DatanetRow, RowContent } from '../types.js'
import type { DatanetRowsTable, DatanetsTable } from './tables.js'

/** The key columns of a datanet, as stored (checksummed registry, decimal id). */
export function datanetKey(datanet: DatanetRef) {
  return {
    chain_id: datanet.chainId,
    registry: getAddress(datanet.registry),
    datanet_id: datanet.datanetId.toString(),
  }
}

export function fromDatanetRecord(record: DatanetsTable): Datanet {
  return {
    chainId: Number(record.chain_id),
    registry: record.registry as Address,
    datanetId: BigInt(record.datanet_id),
    curator: record.curator as Address,
    license: record.license,
    metadataURI: record.metadata_uri,
    name: record.name,
    chainCreatedAt: BigInt(record.chain_created_at),
  }
}

/** The content columns of a row. */
export function contentColumns(content: RowContent) {
  return content.kind === 'text'
    ? { kind: content.kind, text: content.text, prompt: null, completion: null }
    : { kind: content.kind, text: null, prompt: content.prompt, completion: content.completion }
}

/** A row record with the index of its batch when that batch is mined (`selectRows` joins it). */
export type RowRecord = DatanetRowsTable & { committed_index: number | null }

export function fromRowRecord(record: RowRecord): DatanetRow {
  const content: RowContent =
    record.kind === 'text'
      ? { kind: 'text', text: record.text ?? '' }
      : { kind: 'prompt_completion', prompt: record.prompt ?? '', completion: record.completion ?? '' }
  return {
    rowId: record.row_id as Hex,
    datanet: {
      chainId: Number(record.chain_id),
      registry: record.registry as Address,
      datanetId: BigInt(record.datanet_id),
    },
    contentHash: record.content_hash as Hex,
    content,
    license: record.license,
    contributor: record.contributor as Address,
    signature: record.signature as Hex,
    status: record.status,
    review:
      record.reviewed_by === null
        ? null
        : {
            curator: record.reviewed_by as Address,
            reason: record.review_reason,
            at: new Date(record.reviewed_at ?? record.created_at),
          },
    batch:
      record.batch_root === null
        ? null
        : {
            root: record.batch_root as Hex,
            index: record.committed_index === null ? null : Number(record.committed_index),
          },
    createdAt: new Date(record.created_at),
  }
}
