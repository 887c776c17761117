import type { Abi, Account, Address, ContractFunctionReturnType } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import { revertedCallError } from './revertedCallError.js'
import type { ContractCall, WriteArgs, WriteFunctionName, WriteMutability } from './types.js'

export type SimulateContractCallParameters<
  abi extends Abi | readonly unknown[] = Abi,
  functionName extends WriteFunctionName<abi> = WriteFunctionName<abi>,
  args extends WriteArgs<abi, functionName> = WriteArgs<abi, functionName>,
> = ContractCall<abi, WriteMutability, functionName, args> & {
  /** The caller: an account, or only an address (a Safe, a contract) to check what it may do. */
  account: Account | Address
}

export type SimulateContractCallReturnType<
  abi extends Abi | readonly unknown[] = Abi,
  functionName extends WriteFunctionName<abi> = WriteFunctionName<abi>,
  args extends WriteArgs<abi, functionName> = WriteArgs<abi, functionName>,
> = {
  /** What the function would return. */
  result: ContractFunctionReturnType<abi, WriteMutability, functionName, args>
  /** The prepared request, for the wallet client's `writeContract`. */
  request: unknown
}

/**
 * Runs a state-changing contract call as `account` at the latest block without sending anything. A revert is a
 * `ContractCallRevertedError` with the contract's error name and values; other failures are viem's errors.
 *
 * @example
 * const { result } = await simulateContractCall(connection, {
 *   account: manifest.treasurySafe.address,
 *   address: manifest.contracts.FeeRouter,
 *   abi: feeRouterAbi,
 *   functionName: 'setSplits',
 *   args: [splits],
 * })
 */
export async function simulateContractCall<
  const abi extends Abi | readonly unknown[],
  functionName extends WriteFunctionName<abi>,
  const args extends WriteArgs<abi, functionName>,
>(
  connection: ChainConnection,
  parameters: SimulateContractCallParameters<abi, functionName, args>,
): Promise<SimulateContractCallReturnType<abi, functionName, args>> {
  try {
    return (await connection.publicClient.simulateContract(parameters as never)) as never
  } catch (error) {
    throw revertedCallError(error, parameters as { abi: Abi; address: Address; functionName: string })
  }
}
