import { type Abi, decodeFunctionData, getAddress, type Hex, type TransactionReceipt } from 'viem'
import type { ChainConnection } from '../connectChain.js'
import { ContractCallRevertedError } from '../errors.js'
import { decodeRevert } from './decodeRevert.js'

export type WaitForReceiptParameters = {
  hash: Hex
  /** Decodes the revert (and names the function) when the transaction reverted. */
  abi?: Abi | readonly unknown[] | undefined
  /** Give up after this many milliseconds (viem's `WaitForTransactionReceiptTimeoutError`); default: wait on. */
  timeout?: number | undefined
}

/**
 * Waits for a sent transaction to be mined and checks its status: the receipt when it succeeded, else a
 * `ContractCallRevertedError` carrying the receipt and, where the transaction replayed at its block reverts
 * again, the contract's error name and values.
 *
 * @example
 * const hash = await connection.walletClient(account).sendTransaction({ to, value: parseEther('1') })
 * const receipt = await waitForReceipt(connection, { hash })
 */
export async function waitForReceipt(
  connection: ChainConnection,
  parameters: WaitForReceiptParameters,
): Promise<TransactionReceipt> {
  const { hash, abi, timeout } = parameters
  const receipt = await connection.publicClient.waitForTransactionReceipt({ hash, timeout })
  if (receipt.status === 'success') return receipt
  throw await revertOfMined(connection, receipt, abi)
}

/** Replays the reverted transaction on the state of its block to recover the revert data the receipt lacks. */
async function revertOfMined(
  connection: ChainConnection,
  receipt: TransactionReceipt,
  abi: Abi | readonly unknown[] | undefined,
): Promise<ContractCallRevertedError> {
  const { publicClient } = connection
  const transaction = await publicClient.getTransaction({ hash: receipt.transactionHash })
  const functionName = transaction.to === null ? 'constructor' : functionNameOf(abi, transaction.input)
  const context = {
    functionName,
    contractAddress: transaction.to ? getAddress(transaction.to) : undefined,
    hash: receipt.transactionHash,
    receipt,
  }
  try {
    await publicClient.call({
      account: transaction.from,
      to: transaction.to,
      data: transaction.input,
      value: transaction.value,
      gas: transaction.gas,
      blockNumber: receipt.blockNumber,
    })
  } catch (error) {
    const revert = decodeRevert(error, { abi })
    if (revert) return new ContractCallRevertedError({ ...revert, ...context, cause: error })
  }
  return new ContractCallRevertedError(context)
}

function functionNameOf(abi: Abi | readonly unknown[] | undefined, input: Hex): string | undefined {
  if (!abi) return undefined
  try {
    return decodeFunctionData({ abi: abi as Abi, data: input }).functionName
  } catch {
    return undefined
  }
}
