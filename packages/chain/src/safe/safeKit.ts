import type { Address, Hex } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { Safe } from './protocolKit.js'

export type SafeKitParameters = {
  infrastructure: SafeInfrastructure
  safeAddress: Address
  /** An owner's private key, to sign or execute; omit for read-only use. */
  signer?: Hex
}

/**
 * A protocol-kit `Safe` bound to a deployed Safe on this chain, with this deployment's Safe contracts.
 *
 * @example
 * const kit = await safeKit(connection, { infrastructure: manifest.safe, safeAddress })
 * await kit.getThreshold()
 */
export async function safeKit(connection: ChainConnection, parameters: SafeKitParameters): Promise<Safe> {
  return Safe.init({
    provider: connection.provider as never,
    ...(parameters.signer ? { signer: parameters.signer } : {}),
    safeAddress: parameters.safeAddress,
    contractNetworks: { [String(connection.chainId)]: parameters.infrastructure },
  })
}
