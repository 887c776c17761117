import type { Address, Hex } from 'viem'
import type { DevAccount } from './accounts.js'
import { devnetProtocolParameters, type ProtocolParameters } from './deploy/protocolParameters.js'
import { defaultGenesisTable, type GenesisEntry } from './genesis.js'

export type DeploymentConfig = {
  deployerKey: Hex
  owners: Address[]
  threshold: number
  genesis: GenesisEntry[]
  settler: Address
  parameters: ProtocolParameters
}

/**
 * The devnet's deployment: dev account 0 deploys; accounts 0, 1 and 2 own a 2-of-3 treasury Safe; accounts
 * 3 to 6 hold the non-community genesis shares (investors, team, ecosystem, liquidity); account 9 settles fees;
 * the protocol runs on `devnetProtocolParameters` (a dispute window of seconds).
 *
 * @example
 * const config = devnetDeploymentConfig(devAccounts())
 * await deploy(connection, config)
 */
export function devnetDeploymentConfig(accounts: readonly DevAccount[]): DeploymentConfig {
  const at = (i: number) => {
    const account = accounts[i]
    if (!account)
      throw new RangeError(`the devnet deployment needs at least 10 dev accounts, got ${accounts.length}`)
    return account
  }
  return {
    deployerKey: at(0).privateKey,
    owners: [at(0).address, at(1).address, at(2).address],
    threshold: 2,
    settler: at(9).address,
    parameters: devnetProtocolParameters,
    genesis: defaultGenesisTable({
      investors: at(3).address,
      team: at(4).address,
      ecosystem: at(5).address,
      liquidity: at(6).address,
    }),
  }
}
