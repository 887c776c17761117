import type { Abi, Account, Address, ContractFunctionReturnType, Hex, TransactionReceipt } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import { revertedCallError } from './revertedCallError.js'
import { simulateContractCall } from './simulateContractCall.js'
import type { ContractCall, WriteArgs, WriteFunctionName, WriteMutability } from './types.js'
import { waitForReceipt } from './waitForReceipt.js'

export type SendContractCallParameters<
  abi extends Abi | readonly unknown[] = Abi,
  functionName extends WriteFunctionName<abi> = WriteFunctionName<abi>,
  args extends WriteArgs<abi, functionName> = WriteArgs<abi, functionName>,
> = ContractCall<abi, WriteMutability, functionName, args> & {
  /** Signs and pays. */
  account: Account
  /**
   * Called with the hash once the transaction is sent, before it is mined (to write it ahead, so a crash
   * while waiting can be resumed); the wait starts after it resolves.
   */
  onSent?: ((hash: Hex) => void | Promise<void>) | undefined
}

export type SendContractCallReturnType<
  abi extends Abi | readonly unknown[] = Abi,
  functionName extends WriteFunctionName<abi> = WriteFunctionName<abi>,
  args extends WriteArgs<abi, functionName> = WriteArgs<abi, functionName>,
> = {
  hash: Hex
  /** The receipt of the mined transaction: its status is `success`. */
  receipt: TransactionReceipt
  /** What the function returned in the simulation before the send. */
  result: ContractFunctionReturnType<abi, WriteMutability, functionName, args>
}

/**
 * The one write path to the chain: simulates the call as `account` (a revert throws before anything is sent),
 * sends it, waits for it to be mined and checks the receipt's status. Every revert, simulated or mined, is a
 * `ContractCallRevertedError` carrying the contract's error name and values (`decodeRevert` reads it back out);
 * other failures (network, nonce, funds) are viem's errors, unchanged.
 *
 * @example
 * const { hash, receipt } = await sendContractCall(connection, {
 *   account,
 *   address: manifest.contracts.OpenToken,
 *   abi: openTokenAbi,
 *   functionName: 'transfer',
 *   args: [to, parseEther('10')],
 * })
 */
export async function sendContractCall<
  const abi extends Abi | readonly unknown[],
  functionName extends WriteFunctionName<abi>,
  const args extends WriteArgs<abi, functionName>,
>(
  connection: ChainConnection,
  parameters: SendContractCallParameters<abi, functionName, args>,
): Promise<SendContractCallReturnType<abi, functionName, args>> {
  const { account, onSent, ...call } = parameters
  const context = call as unknown as { abi: Abi; address: Address; functionName: string }
  const { request, result } = await simulateContractCall(connection, { ...call, account } as never)
  let hash: Hex
  try {
    hash = await connection.walletClient(account).writeContract(request as never)
  } catch (error) {
    throw revertedCallError(error, context)
  }
  await onSent?.(hash)
  const receipt = await waitForReceipt(connection, { hash, abi: context.abi })
  return { hash, receipt, result: result as never }
}
