import { type ChainConnection, ContractCallRevertedError, waitForReceipt } from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import { type Hex, parseEventLogs, type TransactionReceipt } from 'viem'

export type SentBatchState =
  | { state: 'mined'; batchIndex: number }
  | { state: 'reverted' }
  | { state: 'dropped' }

/**
 * What became of a commit transaction sent by an earlier, interrupted `commitBatch`: mined (with its batch
 * index), reverted, or unknown to the node (dropped, or never broadcast). A transaction still pending is
 * waited for.
 */
export async function awaitSentBatch(connection: ChainConnection, txHash: Hex): Promise<SentBatchState> {
  const { publicClient } = connection
  const known = await publicClient.getTransaction({ hash: txHash }).catch(() => undefined)
  if (!known) return { state: 'dropped' }
  let receipt: TransactionReceipt
  try {
    receipt = await waitForReceipt(connection, { hash: txHash })
  } catch (error) {
    if (error instanceof ContractCallRevertedError) return { state: 'reverted' }
    throw error
  }
  const [committed] = parseEventLogs({
    abi: datanetRegistryAbi,
    logs: receipt.logs,
    eventName: 'BatchCommitted',
  })
  if (!committed) return { state: 'reverted' }
  return { state: 'mined', batchIndex: Number(committed.args.batchIndex) }
}
