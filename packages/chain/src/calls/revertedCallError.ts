import type { Abi, Address, Hex, TransactionReceipt } from 'viem'
import { ContractCallRevertedError } from '../errors.js'
import { decodeRevert } from './decodeRevert.js'

export type RevertedCallContext = {
  abi?: Abi | readonly unknown[] | undefined
  address?: Address | undefined
  functionName?: string | undefined
  hash?: Hex | undefined
  receipt?: TransactionReceipt | undefined
}

/**
 * `error` as a `ContractCallRevertedError` when it holds a contract's decodable revert; any other error (network,
 * nonce, gas, a `ContractCallRevertedError` already) unchanged.
 *
 * @example
 * try {
 *   hash = await connection.walletClient(account).deployContract({ abi, bytecode, args })
 * } catch (error) {
 *   throw revertedCallError(error, { abi, functionName: 'constructor' })
 * }
 */
export function revertedCallError(error: unknown, context: RevertedCallContext): unknown {
  if (error instanceof ContractCallRevertedError) return error
  const revert = decodeRevert(error, { abi: context.abi })
  if (!revert) return error
  return new ContractCallRevertedError({
    ...revert,
    contractAddress: revert.contractAddress ?? context.address,
    functionName: context.functionName,
    hash: context.hash,
    receipt: context.receipt,
    cause: error,
  })
}
