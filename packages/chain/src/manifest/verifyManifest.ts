import type { PublicClient } from 'viem'
import { ChainIdMismatchError, ManifestCodeMissingError } from '../errors.js'
import { type Manifest, manifestAddresses } from './manifest.js'

/**
 * Checks that the chain is the manifest's and that every address in it has code. Throws
 * `ChainIdMismatchError` or `ManifestCodeMissingError` (listing each address without code).
 *
 * @example
 * await verifyManifest(connection.publicClient, manifest)
 */
export async function verifyManifest(client: PublicClient, manifest: Manifest): Promise<void> {
  const chainId = await client.getChainId()
  if (chainId !== manifest.chainId) throw new ChainIdMismatchError(manifest.chainId, chainId)
  const missing = await findMissingCode(client, manifest)
  if (missing.length > 0) throw new ManifestCodeMissingError(manifest.chainId, missing)
}

/** The manifest's addresses that have no code on the chain. */
export async function findMissingCode(client: PublicClient, manifest: Manifest) {
  const entries = manifestAddresses(manifest)
  const codes = await Promise.all(entries.map((e) => client.getCode({ address: e.address })))
  return entries.filter((_, i) => !codes[i] || codes[i] === '0x')
}
