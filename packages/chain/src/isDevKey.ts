import { DEV_MNEMONIC, devAccounts } from './accounts.js'

let known: Set<string> | undefined

/**
 * Whether `privateKey` is one of the public dev mnemonic's first 20 keys (BIP-44 m/44'/60'/0'/0/0..19): a key
 * anyone holds, so one that may act on the devnet only.
 *
 * @example
 * if (isDevKey(key)) assertDevnetChain(connection.chainId, 'the deployer key')
 */
export function isDevKey(privateKey: string): boolean {
  known ??= new Set(devAccounts(20, DEV_MNEMONIC).map((a) => a.privateKey.toLowerCase()))
  return known.has(privateKey.toLowerCase())
}
