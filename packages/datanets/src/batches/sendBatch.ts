import {
  type ChainConnection,
  ContractCallRevertedError,
  decodeRevert,
  MissingEventError,
  sendContractCall,
} from '@openledger/chain'
import { datanetRegistryAbi } from '@openledger/contracts'
import {
  type Account,
  getAddress,
  type Hex,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
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
 * Sends `commitBatch(datanetId, root, rowCount, uri)` through chain's `sendContractCall` (simulated, sent,
 * waited for). `onSent` gets the hash as soon as it exists, so a crash while waiting can be resumed. Errors
 * after the send that leave the outcome unknown (the wait timing out, the RPC going away) are thrown, not
 * reported as failures.
 */
export async function sendBatch(
  connection: ChainConnection,
  account: Account,
  batch: { datanet: DatanetRef; root: Hex; rowCount: number; uri: string },
  onSent: (txHash: Hex) => Promise<void>,
): Promise<SendBatchOutcome> {
  const registry = getAddress(batch.datanet.registry)
  let sent: Hex | undefined
  let mined: { hash: Hex; receipt: TransactionReceipt }
  try {
    mined = await sendContractCall(connection, {
      account,
      address: registry,
      abi: datanetRegistryAbi,
      functionName: 'commitBatch',
      args: [batch.datanet.datanetId, batch.root, batch.rowCount, batch.uri],
      onSent: async (hash) => {
        sent = hash
        await onSent(hash)
      },
    })
  } catch (cause) {
    if (sent === undefined) return notSent(cause)
    if (cause instanceof ContractCallRevertedError && cause.hash === sent)
      return { outcome: 'failed', reason: `transaction ${sent} reverted`, cause }
    throw cause
  }
  const { hash: txHash, receipt } = mined
  const logs = receipt.logs.filter((log) => isAddressEqual(log.address, registry))
  const [committed] = parseEventLogs({ abi: datanetRegistryAbi, logs, eventName: 'BatchCommitted' })
  if (!committed) throw new MissingEventError('commitBatch', txHash, 'BatchCommitted')
  return { outcome: 'mined', batchIndex: Number(committed.args.batchIndex), txHash }
}

/** The outcome of a commit that failed before anything was sent: a revert in simulation, or a refused send. */
function notSent(cause: unknown): SendBatchOutcome {
  const revert = decodeRevert(cause)
  if (revert?.errorName === 'DatanetRegistryRootAlreadyCommitted') return { outcome: 'already-committed' }
  const reason = revert
    ? `${revert.errorName}(${revert.args.map(String).join(', ')})`
    : describeSendError(cause)
  return { outcome: 'failed', reason, cause }
}

/** viem's short message is often generic ('Missing or invalid parameters.'); the node's own words are in `details`. */
function describeSendError(error: unknown): string {
  const text = error instanceof ViemBaseError ? error.details || error.shortMessage : String(error)
  return text.split('\n')[0]!.replace(/\.$/, '')
}
