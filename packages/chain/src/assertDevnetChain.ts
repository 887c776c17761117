import { DEVNET_CHAIN_ID } from './accounts.js'
import { DevnetOnlyError } from './errors.js'

/**
 * Refuses (`DevnetOnlyError`) unless `chainId`, the connected chain's id, is the devnet's: call it wherever a
 * key from the public dev mnemonic, or a default derived from it, is about to act. `what` names it in the error,
 * `hint` says where a real key comes from.
 *
 * @example
 * assertDevnetChain(connection.chainId, 'dev account 5', 'pass --private-key')
 * const funder = devAccounts(6)[5]!
 */
export function assertDevnetChain(chainId: number, what: string, hint?: string): void {
  if (chainId !== DEVNET_CHAIN_ID) throw new DevnetOnlyError(chainId, what, hint)
}
