import type {
  Abi,
  Address,
  BlockNumber,
  ContractFunctionArgs,
  ContractFunctionName,
  ContractFunctionReturnType,
} from 'viem'
import type { ChainConnection } from '../connectChain.js'
import { revertedCallError } from './revertedCallError.js'
import type { ContractCall } from './types.js'

type ReadMutability = 'pure' | 'view'

export type ReadContractCallParameters<
  abi extends Abi | readonly unknown[] = Abi,
  functionName extends ContractFunctionName<abi, ReadMutability> = ContractFunctionName<abi, ReadMutability>,
  args extends ContractFunctionArgs<abi, ReadMutability, functionName> = ContractFunctionArgs<
    abi,
    ReadMutability,
    functionName
  >,
> = Omit<ContractCall<abi, ReadMutability, functionName, args>, 'value' | 'gas'> & {
  /** Default: the latest block. */
  blockNumber?: BlockNumber | undefined
}

/**
 * Reads a view or pure function. A revert is a `ContractCallRevertedError` with the contract's error name and
 * values; other failures are viem's errors.
 *
 * @example
 * const balance = await readContractCall(connection, {
 *   address: manifest.contracts.OpenToken,
 *   abi: openTokenAbi,
 *   functionName: 'balanceOf',
 *   args: [holder],
 * })
 */
export async function readContractCall<
  const abi extends Abi | readonly unknown[],
  functionName extends ContractFunctionName<abi, ReadMutability>,
  const args extends ContractFunctionArgs<abi, ReadMutability, functionName>,
>(
  connection: ChainConnection,
  parameters: ReadContractCallParameters<abi, functionName, args>,
): Promise<ContractFunctionReturnType<abi, ReadMutability, functionName, args>> {
  try {
    return (await connection.publicClient.readContract(parameters as never)) as never
  } catch (error) {
    throw revertedCallError(error, parameters as { abi: Abi; address: Address; functionName: string })
  }
}
