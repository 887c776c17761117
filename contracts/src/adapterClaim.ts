/**
 * ModelRegistry's EIP-712 domain name and version (the domain also holds the chain id and the registry's
 * address, so a claim signed for one registry is worthless on another).
 */
export const ADAPTER_CLAIM_DOMAIN = { name: 'OpenLedger ModelRegistry', version: '1' } as const

/**
 * The EIP-712 type an adapter's creator signs to register it in ModelRegistry (`registerAdapter`): the lineage
 * and the creator itself, valid until `deadline` (unix seconds). viem's `signTypedData` takes it as `types`.
 *
 * @example
 * const signature = await account.signTypedData({
 *   domain: { ...ADAPTER_CLAIM_DOMAIN, chainId, verifyingContract: registry },
 *   types: ADAPTER_CLAIM_TYPES,
 *   primaryType: 'AdapterClaim',
 *   message: claim,
 * })
 */
export const ADAPTER_CLAIM_TYPES = {
  AdapterClaim: [
    { name: 'adapterSha256', type: 'bytes32' },
    { name: 'baseModelSha256', type: 'bytes32' },
    { name: 'trainingRowsRoot', type: 'bytes32' },
    { name: 'rowCount', type: 'uint32' },
    { name: 'datanetIds', type: 'uint256[]' },
    { name: 'uri', type: 'string' },
    { name: 'creator', type: 'address' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/** An `AdapterClaim` as a value: what the creator signs (`ADAPTER_CLAIM_TYPES`) and `registerAdapter` takes. */
export type AdapterClaim = {
  adapterSha256: `0x${string}`
  baseModelSha256: `0x${string}`
  trainingRowsRoot: `0x${string}`
  rowCount: number
  datanetIds: readonly bigint[]
  uri: string
  /** The signer, recorded as the adapter's creator. */
  creator: `0x${string}`
  /** Unix seconds after which the claim is refused. */
  deadline: bigint
}
