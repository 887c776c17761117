import { type Abi, type Account, type Address, getAddress, type Hex } from 'viem'
import { revertedCallError } from '../calls/revertedCallError.js'
import { waitForReceipt } from '../calls/waitForReceipt.js'
import type { ChainConnection } from '../connectChain.js'
import { DeploymentFailedError } from '../errors.js'

/**
 * Deploys one contract and waits for its receipt. A creation that reverts is a `ContractCallRevertedError`
 * with the constructor's custom error decoded by `abi`.
 *
 * @example
 * const token = await deployContract(connection, deployer, { abi, bytecode, args: [holders, amounts] })
 */
export async function deployContract(
  connection: ChainConnection,
  deployer: Account,
  contract: { abi: Abi; bytecode: Hex; args: readonly unknown[] },
): Promise<Address> {
  const { abi, bytecode, args } = contract
  let hash: Hex
  try {
    hash = await connection.walletClient(deployer).deployContract({ abi, bytecode, args } as never)
  } catch (error) {
    throw revertedCallError(error, { abi, functionName: 'constructor' })
  }
  const receipt = await waitForReceipt(connection, { hash, abi })
  if (!receipt.contractAddress) throw new DeploymentFailedError('a contract', hash, 'no contract address')
  return getAddress(receipt.contractAddress)
}
