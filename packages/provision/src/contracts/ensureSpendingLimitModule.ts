import type { ChainConnection } from '@openledger/chain'
import { deploySpendingLimitModule } from '@openledger/tools'
import type { Address, LocalAccount } from 'viem'
import { deployedAt, stillDeployed } from '../funding/codeHashAt.js'
import type { ProvisionState } from '../state/provisionState.js'

export type EnsureSpendingLimitModuleReturnType = {
  module: Address
  deployed: boolean
  state: ProvisionState
}

/**
 * The SpendingLimitModule users' Safes enable for agents: the remembered one when its code is still on the
 * chain, else a new one deployed by `deployer`. Returns the state to remember.
 */
export async function ensureSpendingLimitModule(
  connection: ChainConnection,
  parameters: { deployer: LocalAccount; state: ProvisionState },
): Promise<EnsureSpendingLimitModuleReturnType> {
  const { state } = parameters
  const known = state.spendingLimitModule
  if (known && (await stillDeployed(connection, [known])))
    return { module: known.address, deployed: false, state }
  const module = await deploySpendingLimitModule(connection, parameters.deployer)
  return {
    module,
    deployed: true,
    state: { ...state, spendingLimitModule: await deployedAt(connection, module) },
  }
}
