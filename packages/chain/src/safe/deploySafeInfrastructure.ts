import type { Account } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import { deployContract } from '../deploy/deployContract.js'
import type { SafeInfrastructure } from '../manifest/manifest.js'
import { safeArtifact, safeInfrastructureKeys } from './safeArtifacts.js'

/**
 * Deploys the eight Safe v1.4.1 contracts (singleton, proxy factory, fallback handler, MultiSend,
 * MultiSendCallOnly, SignMessageLib, CreateCall, SimulateTxAccessor) from `@safe-global/safe-contracts`'
 * build artifacts, one after another.
 *
 * @example
 * const infrastructure = await deploySafeInfrastructure(connection, deployer)
 */
export async function deploySafeInfrastructure(
  connection: ChainConnection,
  deployer: Account,
  onDeployed?: (name: string) => void,
): Promise<SafeInfrastructure> {
  const result: Partial<SafeInfrastructure> = {}
  for (const key of safeInfrastructureKeys) {
    const { abi, bytecode, contractName } = safeArtifact(key)
    result[key] = await deployContract(connection, deployer, { abi, bytecode, args: [] })
    onDeployed?.(contractName)
  }
  return result as SafeInfrastructure
}
