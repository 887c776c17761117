import { createRequire } from 'node:module'
import type { Abi, Hex } from 'viem'
import type { SafeInfrastructure } from '../manifest/manifest.js'

const require = createRequire(import.meta.url)

type Artifact = { contractName: string; abi: Abi; bytecode: Hex }

const paths: Record<keyof SafeInfrastructure, string> = {
  safeSingletonAddress: 'Safe.sol/Safe',
  safeProxyFactoryAddress: 'proxies/SafeProxyFactory.sol/SafeProxyFactory',
  fallbackHandlerAddress: 'handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler',
  multiSendAddress: 'libraries/MultiSend.sol/MultiSend',
  multiSendCallOnlyAddress: 'libraries/MultiSendCallOnly.sol/MultiSendCallOnly',
  signMessageLibAddress: 'libraries/SignMessageLib.sol/SignMessageLib',
  createCallAddress: 'libraries/CreateCall.sol/CreateCall',
  simulateTxAccessorAddress: 'accessors/SimulateTxAccessor.sol/SimulateTxAccessor',
}

/** The Safe v1.4.1 build artifacts shipped in the npm package `@safe-global/safe-contracts`. */
export function safeArtifact(key: keyof SafeInfrastructure): Artifact {
  return require(`@safe-global/safe-contracts/build/artifacts/contracts/${paths[key]}.json`) as Artifact
}

export const safeInfrastructureKeys = Object.keys(paths) as (keyof SafeInfrastructure)[]

/** The Safe singleton's ABI (owners, threshold, nonce, execTransaction and the owner-management calls). */
export const safeAbi = safeArtifact('safeSingletonAddress').abi
