import type { DevAccount } from '@openledger/chain'
import { ProvisionInputError } from './errors.js'
import type { ProvisionAccounts } from './types.js'

/**
 * The devnet's roles (see `openledger up`'s accounts): dev account 0 (deployer) deploys the module and pays
 * ether, 6 (liquidity) seeds the pools, 5 (ecosystem) pays the OPEN, 3 (investors) stakes, 4 (team) curates
 * the seed datanets and creates the adapters, 7 (user) is the demo caller.
 *
 * @example
 * const accounts = devnetProvisionAccounts(server.devnet.accounts)
 */
export function devnetProvisionAccounts(accounts: readonly DevAccount[]): ProvisionAccounts {
  const key = (i: number) => {
    const account = accounts[i]
    if (!account)
      throw new ProvisionInputError('accounts', `must hold the 10 dev accounts, got ${accounts.length}`)
    return account.privateKey
  }
  return {
    deployer: key(0),
    staker: key(3),
    curator: key(4),
    funder: key(5),
    liquidity: key(6),
    user: key(7),
  }
}
