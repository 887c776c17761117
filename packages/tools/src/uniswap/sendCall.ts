import type { ChainConnection } from '@openledger/chain'
import type { Abi, Account, Address, Hex, TransactionReceipt } from 'viem'

export type ContractCall = {
  address: Address
  abi: Abi
  functionName: string
  args: readonly unknown[]
  value?: bigint
}

/**
 * Simulates a call as `account` (a revert surfaces before anything is sent, decoded by viem), sends it and
 * waits for it to be mined; throws when the mined transaction reverted.
 */
export async function sendCall(
  connection: ChainConnection,
  account: Account,
  call: ContractCall,
): Promise<{ hash: Hex; receipt: TransactionReceipt; result: unknown }> {
  const { request, result } = await connection.publicClient.simulateContract({ ...call, account } as never)
  const hash = await connection.walletClient(account).writeContract(request as never)
  const receipt = await connection.publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} (${call.functionName}) reverted`)
  return { hash, receipt, result }
}
