import { type Abi, type Account, type Address, getAddress, type Hex } from 'viem'
import type { ChainConnection } from '../connectChain.js'

/**
 * Deploys one contract and waits for its receipt; throws when the creation reverted.
 *
 * @example
 * const token = await deployContract(connection, deployer, { abi, bytecode, args: [holders, amounts] })
 */
export async function deployContract(
  connection: ChainConnection,
  deployer: Account,
  contract: { abi: Abi; bytecode: Hex; args: readonly unknown[] },
): Promise<Address> {
  const hash = await connection.walletClient(deployer).deployContract({
    abi: contract.abi,
    bytecode: contract.bytecode,
    args: contract.args,
  } as never)
  const receipt = await connection.publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success' || !receipt.contractAddress) {
    throw new Error(`contract creation ${hash} reverted`)
  }
  return getAddress(receipt.contractAddress)
}
