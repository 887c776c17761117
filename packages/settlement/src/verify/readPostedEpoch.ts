import { type ChainConnection, readContractCall } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import type { PostEpochCall } from '@openledger/staking'
import { type Address, decodeFunctionData, type Hex } from 'viem'
import { UnverifiablePostError } from './errors.js'

/** FeeRouter's epoch statuses, by their enum value. */
const STATUSES = ['none', 'pending', 'final', 'vetoed', 'refunded'] as const
export type PostedEpochStatus = Exclude<(typeof STATUSES)[number], 'none'>

/** An epoch as its settler posted it: the exact `postEpoch` arguments, where and by whom, and its status now. */
export type PostedEpoch = {
  epoch: bigint
  status: PostedEpochStatus
  settler: Address
  txHash: Hex
  blockNumber: bigint
  /** When its dispute window closes (block time, Unix seconds). */
  finalizesAt: bigint
  call: PostEpochCall
}

/**
 * Reads what was posted for `epoch`: finds its `EpochPosted` event and decodes the posting transaction's
 * calldata into the `postEpoch` arguments (charges, agents, adapter creators, contributorsPaid, both roots).
 * Undefined when the epoch was never posted. A posting transaction that is not a direct `postEpoch` call (a
 * contract posting on a settler's behalf) cannot be read this way: `UnverifiablePostError`.
 *
 * @example
 * const posted = await readPostedEpoch(connection, manifest.contracts, { epoch: 4n })
 * if (posted) console.log(posted.status, posted.call.charges)
 */
export async function readPostedEpoch(
  connection: ChainConnection,
  contracts: { FeeRouter: Address },
  parameters: { epoch: bigint; fromBlock?: bigint },
): Promise<PostedEpoch | undefined> {
  const { epoch, fromBlock = 0n } = parameters
  const [log] = await connection.publicClient.getContractEvents({
    address: contracts.FeeRouter,
    abi: feeRouterAbi,
    eventName: 'EpochPosted',
    args: { epoch },
    fromBlock,
    strict: true,
  })
  if (!log) return undefined
  const transaction = await connection.publicClient.getTransaction({ hash: log.transactionHash })
  const decoded = decodePost(transaction.to, transaction.input, contracts.FeeRouter)
  if (!decoded || decoded.epoch !== epoch) throw new UnverifiablePostError(epoch, log.transactionHash)
  const record = await readContractCall(connection, {
    address: contracts.FeeRouter,
    abi: feeRouterAbi,
    functionName: 'epochOf',
    args: [epoch],
  })
  return {
    epoch,
    status: STATUSES[record.status] as PostedEpochStatus,
    settler: log.args.settler,
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
    finalizesAt: log.args.finalizesAt,
    call: decoded,
  }
}

function decodePost(to: Address | null, input: Hex, router: Address): PostEpochCall | undefined {
  if (to?.toLowerCase() !== router.toLowerCase()) return undefined
  try {
    const { functionName, args } = decodeFunctionData({ abi: feeRouterAbi, data: input })
    if (functionName !== 'postEpoch') return undefined
    const [epoch, receiptsRoot, payoutsRoot, charges, agents, adapterCreators, contributorsPaid] = args
    return { epoch, receiptsRoot, payoutsRoot, charges, agents, adapterCreators, contributorsPaid }
  } catch {
    return undefined
  }
}
