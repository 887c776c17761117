import { ADAPTER_CLAIM_DOMAIN, ADAPTER_CLAIM_TYPES, type AdapterClaim } from '@openledger/contracts'
import { type Address, encodeAbiParameters, type Hex, keccak256, type LocalAccount, toHex } from 'viem'

export type { AdapterClaim } from '@openledger/contracts'

/** Where a claim is valid: the chain and the ModelRegistry (EIP-712 domain). */
export type ClaimDomain = { chainId: number; registry: Address }

/** A claim deadline far enough for any test: 2100-01-01. */
export const FAR_DEADLINE = 4_102_444_800n

/**
 * For tests: ModelRegistry's commitment to register `adapterSha256` for `creator` (its `commitmentOf`).
 *
 * @example
 * await registry.write.commitAdapter([commitmentOf(creator, adapter, root, salt)])
 */
export function commitmentOf(creator: Address, adapterSha256: Hex, trainingRowsRoot: Hex, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [creator, adapterSha256, trainingRowsRoot, salt],
    ),
  )
}

/**
 * For tests: `signer`'s EIP-712 signature of `claim` for the registry of `domain`.
 *
 * @example
 * const signature = await signClaim(account(8), { chainId, registry }, claim)
 */
export function signClaim(signer: LocalAccount, domain: ClaimDomain, claim: AdapterClaim): Promise<Hex> {
  return signer.signTypedData({
    domain: { ...ADAPTER_CLAIM_DOMAIN, chainId: domain.chainId, verifyingContract: domain.registry },
    types: ADAPTER_CLAIM_TYPES,
    primaryType: 'AdapterClaim',
    message: claim,
  })
}

/** A salt for a commitment, from a label (tests want repeatable values). */
export const saltOf = (label: string): Hex => keccak256(toHex(`salt:${label}`))
