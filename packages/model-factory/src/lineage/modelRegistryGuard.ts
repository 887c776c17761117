import type { ChainConnection } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import type { Hex } from 'viem'
import type { LineageContracts } from './types.js'

export type ModelRegistryGuardOptions = {
  /** How long an answer is reused (default 10 s): a revocation takes effect within it. */
  cacheMs?: number
}

/**
 * A lora-host `adapterGuard` from the ModelRegistry: an adapter is served when it is registered and not
 * revoked (`isServable`). Answers are cached for `cacheMs` so a busy host does not ask the chain per request;
 * a failed read refuses (fails closed) and is not cached.
 *
 * @example
 * const host = await LoraHost.create({ model, adaptersDir, adapterGuard: modelRegistryGuard(connection, manifest.contracts) })
 */
export function modelRegistryGuard(
  connection: ChainConnection,
  contracts: LineageContracts,
  options: ModelRegistryGuardOptions = {},
): (sha256: string) => Promise<boolean> {
  const cacheMs = options.cacheMs ?? 10_000
  const cache = new Map<string, { servable: boolean; at: number }>()
  return async (sha256) => {
    const key = sha256.toLowerCase().replace(/^0x/, '')
    const cached = cache.get(key)
    if (cached && Date.now() - cached.at < cacheMs) return cached.servable
    if (!/^[0-9a-f]{64}$/.test(key)) return false
    try {
      const servable = await connection.publicClient.readContract({
        address: contracts.ModelRegistry,
        abi: modelRegistryAbi,
        functionName: 'isServable',
        args: [`0x${key}` as Hex],
      })
      cache.set(key, { servable, at: Date.now() })
      return servable
    } catch {
      return false
    }
  }
}
