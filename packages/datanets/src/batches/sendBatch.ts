import type { ChainConnection } from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import {
  type Account,
  ContractFunctionRevertedError,
  getAddress,
  type Hex,
  isAddressEqual,
  parseEventLogs,
  BaseError as ViemBaseError,
} from 'viem'
import type { DatanetRef } from '../types.js'

export type SendBatchOutcome =
  | { outcome: 'mined'; batchIndex: number; txHash: Hex }
  /** The registry already holds this root: a crashed earlier attempt got through. */
  | { outcome: 'already-committed' }
  /** Nothing was committed: the simulation reverted, the send failed, or the transaction reverted. */
  | { outcome: 'failed'; reason: string; cause: unknown }

/**
 * Simulates, sends and waits for `commitBatch(datanetId, root, rowCount, uri)`. `onSent` gets the hash as
 * soon as it exists, so a crash while waiting can be resumed. Errors after the send that leave the outcome
 * unknown (the wait timing out, the RPC going away) are thrown, not reported as failures.
 */
export async function sendBatch(
  connection: ChainConnection,
  account: Account,
  batch: { datanet: DatanetRef; root: Hex; rowCount: number; uri: string },
  onSent: (txHash: Hex) => Promise<void>,
): Promise<SendBatchOutcome> {
  const registry = getAddress(batch.datanet.registry)
  let txHash: Hex
  try {
    const { request } = await connection.publicClient.simulateContract({
      account,
      address: registry,
      abi: datanetRegistryAbi,
      functionName: 'commitBatch',
      args: [batch.datanet.datanetId, batch.root, batch.rowCount, batch.uri],
    })
    txHash = await connection.walletClient(account).writeContract(request)
  } catch (cause) {
    const revert = revertOf(cause)
    if (revert?.errorName === 'DatanetRegistryRootAlreadyCommitted') return { outcome: 'already-committed' }
    const reason = revert
      ? `${revert.errorName}(${revert.args.map(String).join(', ')})`
      : describeSendError(cause)
    return { outcome: 'failed', reason, cause }
  }
  await onSent(txHash)
  const receipt = await connection.publicClient.waitForTransactionReceipt({ hash: txHash })
  if (receipt.status !== 'success')
    return { outcome: 'failed', reason: `transaction ${txHash} reverted`, cause: undefined }
  const logs = receipt.logs.filter((log) => isAddressEqual(log.address, registry))
  const [committed] = parseEventLogs({ abi: datanetRegistryAbi, logs, eventName: 'BatchCommitted' })
  if (!committed) throw new Error(`commitBatch transaction ${txHash} emitted no BatchCommitted event`)
  return { outcome: 'mined', batchIndex: Number(committed.args.batchIndex), txHash }
}

/** viem's short message is often generic ('Missing or invalid parameters.'); the node's own words are in `details`. */
function describeSendError(error: unknown): string {
  const text = error instanceof ViemBaseError ? error.details || error.shortMessage : String(error)
  return text.split('\n')[0]!.replace(/\.$/, '')
}

function revertOf(error: unknown): { errorName: string; args: readonly unknown[] } | undefined {
  if (!(error instanceof ViemBaseError)) return undefined
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data) return undefined
  return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] }
}
