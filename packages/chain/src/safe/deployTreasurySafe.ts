import { type Address, getAddress, type Hex, isAddressEqual } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { waitForReceipt } from '../calls/waitForReceipt.js'
import type { ChainConnection } from '../connectChain.js'
import { DeploymentFailedError, SafeConfigError } from '../errors.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { Safe } from './protocolKit.js'

export type DeployTreasurySafeParameters = {
  infrastructure: SafeInfrastructure
  /** Pays for the deployment; need not be an owner. */
  deployerKey: Hex
  owners: readonly Address[]
  threshold: number
  /** Makes the Safe's address predictable; default '0'. */
  saltNonce?: string
}

/** Checks owners (distinct, valid) and threshold (1 ≤ threshold ≤ owners). */
export function validateSafeConfig(owners: readonly Address[], threshold: number): void {
  if (owners.length === 0) throw new SafeConfigError('no owners')
  const seen = new Set<string>()
  for (const owner of owners) {
    const key = owner.toLowerCase()
    if (seen.has(key)) throw new SafeConfigError(`owner ${owner} appears twice`)
    seen.add(key)
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > owners.length) {
    throw new SafeConfigError(`threshold ${threshold} must be between 1 and ${owners.length} (the owners)`)
  }
}

/**
 * Deploys the treasury Safe (v1.4.1 proxy) with the given owners and threshold at its predicted address; when
 * a Safe is there already, returns it unchanged.
 *
 * @example
 * const safe = await deployTreasurySafe(connection, { infrastructure, deployerKey, owners, threshold: 2 })
 */
export async function deployTreasurySafe(
  connection: ChainConnection,
  parameters: DeployTreasurySafeParameters,
): Promise<Address> {
  const { infrastructure, deployerKey, owners, threshold, saltNonce = '0' } = parameters
  validateSafeConfig(owners, threshold)
  const kit = await Safe.init({
    provider: connection.provider as never,
    signer: deployerKey,
    contractNetworks: { [String(connection.chainId)]: infrastructure },
    predictedSafe: {
      safeAccountConfig: { owners: owners.map((o) => getAddress(o)), threshold },
      safeDeploymentConfig: { saltNonce, safeVersion: '1.4.1' },
    },
  })
  const address = getAddress(await kit.getAddress())
  if (await kit.isSafeDeployed()) return address
  const transaction = await kit.createSafeDeploymentTransaction()
  const hash = await connection.walletClient(privateKeyToAccount(deployerKey)).sendTransaction({
    to: getAddress(transaction.to),
    data: transaction.data as Hex,
    value: BigInt(transaction.value),
  })
  const receipt = await waitForReceipt(connection, { hash })
  if (!receipt.logs.some((log) => isAddressEqual(log.address, address)))
    throw new DeploymentFailedError(`the Safe ${address}`, hash, 'the Safe emitted nothing')
  return address
}
