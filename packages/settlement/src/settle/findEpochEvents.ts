import { feeRouterAbi } from '@openledger/contracts'
import type { Hex } from 'viem'
import type { Settler } from './types.js'

/** Where and how an epoch was posted, from its EpochPosted event. */
export type PostedLog = { txHash: Hex; blockNumber: bigint; finalizesAt: bigint }

/** The transaction that posted `epoch` (after a crash the ledger may lack it); undefined when none did. */
export async function findPosted(settler: Settler, epoch: bigint): Promise<PostedLog | undefined> {
  const [log] = await settler.connection.publicClient.getContractEvents({
    address: settler.contracts.FeeRouter,
    abi: feeRouterAbi,
    eventName: 'EpochPosted',
    args: { epoch },
    fromBlock: 0n,
  })
  if (!log?.transactionHash || log.blockNumber === null || log.args.finalizesAt === undefined)
    return undefined
  return {
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
    finalizesAt: BigInt(log.args.finalizesAt),
  }
}

/** The transaction that finalised (`EpochFinalized`) or refunded (`ChargesRefunded`) `epoch`, if any. */
export async function findClosing(
  settler: Settler,
  epoch: bigint,
  eventName: 'EpochFinalized' | 'ChargesRefunded',
): Promise<Hex | null> {
  const [log] = await settler.connection.publicClient.getContractEvents({
    address: settler.contracts.FeeRouter,
    abi: feeRouterAbi,
    eventName,
    args: { epoch },
    fromBlock: 0n,
  })
  return log?.transactionHash ?? null
}
