import type { ChainConnection } from '@openledger/chain'
import { ADAPTER_CLAIM_DOMAIN, ADAPTER_CLAIM_TYPES } from '@openledger/contracts'
import type { Account, Hex } from 'viem'
import type { AdapterClaim, LineageContracts } from './types.js'

/**
 * The creator's EIP-712 signature of an adapter claim for the ModelRegistry of `contracts` on `connection`'s
 * chain: what `registerAdapter` checks (the creator recorded is the claim's signer, whoever sends it).
 *
 * @example
 * const signature = await signAdapterClaim(connection, manifest.contracts, { account: creator, claim })
 */
export function signAdapterClaim(
  connection: ChainConnection,
  contracts: LineageContracts,
  parameters: { account: Account; claim: AdapterClaim },
): Promise<Hex> {
  const { account, claim } = parameters
  return connection.walletClient(account).signTypedData({
    account,
    domain: {
      ...ADAPTER_CLAIM_DOMAIN,
      chainId: connection.chainId,
      verifyingContract: contracts.ModelRegistry,
    },
    types: ADAPTER_CLAIM_TYPES,
    primaryType: 'AdapterClaim',
    message: claim,
  })
}
