import { type ChainConnection, deployContract } from '@openledger/chain'
import { spendingLimitModuleAbi, spendingLimitModuleBytecode } from '@openledger/contracts'
import type { Account, Address } from 'viem'

/**
 * Deploys the `SpendingLimitModule` contract. One deployment serves every Safe on the chain: each Safe enables
 * it and configures its own delegates (`enableSpendingLimit`).
 *
 * @example
 * const module = await deploySpendingLimitModule(connection, deployer)
 */
export async function deploySpendingLimitModule(
  connection: ChainConnection,
  deployer: Account,
): Promise<Address> {
  return deployContract(connection, deployer, {
    abi: spendingLimitModuleAbi,
    bytecode: spendingLimitModuleBytecode,
    args: [],
  })
}
