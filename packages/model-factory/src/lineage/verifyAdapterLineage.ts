import type { ChainConnection } from '@openledger/chain'
import { adapterSha256 as contentAddressOf, readPeftAdapterDir } from '@openledger/lora-host'
import type { Hex } from 'viem'
import { getAdapterLineage } from './getAdapterLineage.js'
import { trainingRowsTree } from './trainingRowsTree.js'
import type { AdapterLineage, LineageContracts } from './types.js'

export type VerifyAdapterLineageParameters = {
  /** A PEFT adapter folder: `adapter_config.json` and `adapter_model.safetensors`. */
  adapterDir: string
  /** The row ids the adapter is said to be trained on, in any order. */
  rowIds: readonly Hex[]
}

export type VerifyAdapterLineageReturnType = {
  /** The folder's content address (`0x` + lora-host's `adapterSha256`). */
  adapterSha256: Hex
  /** The on-chain lineage of that content address; `undefined` when none is registered. */
  lineage: AdapterLineage | undefined
  matches: {
    /** These exact files are registered. */
    registered: boolean
    /** Registered with exactly these training rows (same Merkle root and row count). */
    trainingRows: boolean
    /** Registered and not revoked. */
    notRevoked: boolean
  }
}

/**
 * Checks an adapter folder and a list of training rows against the ModelRegistry: computes the folder's
 * content address and the rows' Merkle root, and compares them with the lineage on-chain. A changed byte in
 * either file gives another content address, so `registered` is false. Throws lora-host's
 * `AdapterValidationError` when a file cannot be read, and `trainingRowsTree`'s errors for bad row ids.
 *
 * @example
 * const { matches } = await verifyAdapterLineage(connection, manifest.contracts, {
 *   adapterDir: './out/defi-lora',
 *   rowIds: rows.map((row) => row.rowId),
 * })
 * if (!matches.registered || !matches.trainingRows) console.error('lineage does not match')
 */
export async function verifyAdapterLineage(
  connection: ChainConnection,
  contracts: LineageContracts,
  parameters: VerifyAdapterLineageParameters,
): Promise<VerifyAdapterLineageReturnType> {
  const adapterSha256: Hex = `0x${contentAddressOf(await readPeftAdapterDir(parameters.adapterDir))}`
  const { root, tree } = trainingRowsTree(parameters.rowIds)
  const lineage = await getAdapterLineage(connection, contracts, { adapterSha256 })
  return {
    adapterSha256,
    lineage,
    matches: {
      registered: lineage !== undefined,
      trainingRows:
        lineage !== undefined &&
        lineage.trainingRowsRoot.toLowerCase() === root.toLowerCase() &&
        lineage.rowCount === tree.length,
      notRevoked: lineage !== undefined && !lineage.revoked,
    },
  }
}
