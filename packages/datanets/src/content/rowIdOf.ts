import { encodeAbiParameters, getAddress, type Hex, keccak256 } from 'viem'
import type { DatanetRef } from '../types.js'

const layout = [{ type: 'uint256' }, { type: 'address' }, { type: 'uint256' }, { type: 'bytes32' }] as const

/**
 * A row's id: `keccak256(abi.encode(chainId, registry, datanetId, contentHash))`. Deterministic, so the same
 * content in the same datanet is always the same row (that is how duplicates are found), and unique across
 * datanets, registries and chains.
 *
 * @example
 * const rowId = rowIdOf(datanet, contentHashOf({ kind: 'text', text: 'Lily saw a red ball.' }))
 */
export function rowIdOf(datanet: DatanetRef, contentHash: Hex): Hex {
  return keccak256(
    encodeAbiParameters(layout, [
      BigInt(datanet.chainId),
      getAddress(datanet.registry),
      datanet.datanetId,
      contentHash,
    ]),
  )
}
