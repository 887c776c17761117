import type { ChainConnection } from '@openledger/chain'
import type { Abi, Account, Address, Hex, TransactionReceipt } from 'viem'
import { StakingRevertError } from '../errors/staking.js'
import { toStakingError } from './toStakingError.js'

export type ContractCall = {
  address: Address
  abi: Abi
  functionName: string
  args: readonly unknown[]
}

export type SendTransactionOptions = {
  /** Called with the hash once the transaction is sent, before it is mined; the wait starts after it resolves. */
  onSent?: ((hash: Hex) => void | Promise<void>) | undefined
}

/**
 * Simulates a call as `account` (so a revert surfaces as its typed error before anything is sent), sends it,
 * and waits for it to be mined.
 */
export async function sendTransaction(
  connection: ChainConnection,
  account: Account,
  call: ContractCall,
  options: SendTransactionOptions = {},
): Promise<{ hash: Hex; receipt: TransactionReceipt; result: unknown }> {
  const { request, result } = await simulateCall(connection, account, call)
  let hash: Hex
  try {
    hash = await connection.walletClient(account).writeContract(request as never)
  } catch (error) {
    throw toStakingError(error)
  }
  await options.onSent?.(hash)
  const receipt = await connection.publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new StakingRevertError({ cause: receipt })
  return { hash, receipt, result }
}

/** Simulates a call from `account` (an address need not hold a key: e.g. the Safe's); reverts are typed. */
export async function simulateCall(
  connection: ChainConnection,
  account: Account | Address,
  call: ContractCall,
): Promise<{ request: unknown; result: unknown }> {
  try {
    return await connection.publicClient.simulateContract({ ...call, account } as never)
  } catch (error) {
    throw toStakingError(error)
  }
}

/** Reads a view; reverts are typed. */
export async function readCall<T>(connection: ChainConnection, call: ContractCall): Promise<T> {
  try {
    return (await connection.publicClient.readContract(call as never)) as T
  } catch (error) {
    throw toStakingError(error)
  }
}
