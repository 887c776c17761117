import { receiptId } from '@openledger/attribution'
import { type ChainConnection, readContractCall } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import type { PostEpochCall } from '@openledger/staking'
import { type Address, getAddress, type Hex } from 'viem'
import { type MeteredReceipt, planSettlement } from '../plan/planSettlement.js'
import type { AdapterCreatorsResolver } from '../settle/types.js'
import { compareEpochCalls, type EpochDifference } from './compareEpochCalls.js'
import { EpochNotPostedError } from './errors.js'
import { type PostedEpoch, readPostedEpoch } from './readPostedEpoch.js'

export type VerifyEpochParameters = {
  epoch: bigint
  /** The epoch's published receipts, each with the on-chain id of the agent that answered. */
  receipts: readonly MeteredReceipt[]
  /** Receives the adapter creators' share no known creator earns (the treasury Safe). */
  treasury: Address
  /**
   * Who created each adapter (e.g. read from ModelRegistry), asked as of the posting block: an epoch posted
   * after an adapter's revocation must not pay its creator. Default: no adapter has a known creator.
   */
  adapterCreators?: AdapterCreatorsResolver
  /** Where the event scan starts (the manifest's deployment block); default 0n. */
  fromBlock?: bigint
}

export type VerifyEpochReturnType = {
  posted: PostedEpoch
  /** How many published receipts were checked. */
  receiptCount: number
  /** What the published receipts give; undefined when none was published. */
  expected: PostEpochCall | undefined
  /** Empty when the posted epoch is exactly what its published receipts give. */
  differences: EpochDifference[]
}

const noCreators = async () => new Map<Hex, Address>()

/**
 * Re-checks a posted epoch without trusting the settler's database: recomputes charges per payer, fees per
 * agent, the adapter creators' split, `contributorsPaid` and both Merkle roots from the published receipts
 * (`planSettlement`, with FeeRouter's splits and the adapter creators as of the posting block) and compares
 * them with the `postEpoch` call the settler sent. Receipts that commit to another chain or FeeRouter (version 2), or that are listed
 * twice, are differences too. Throws `EpochNotPostedError` for an epoch never posted.
 *
 * @example
 * const { differences } = await verifyEpoch(connection, manifest.contracts, { epoch: 4n, receipts, treasury })
 * if (differences.length > 0) console.log('epoch 4 does not match its receipts', differences)
 */
export async function verifyEpoch(
  connection: ChainConnection,
  contracts: { FeeRouter: Address },
  parameters: VerifyEpochParameters,
): Promise<VerifyEpochReturnType> {
  const { epoch, receipts, treasury, adapterCreators = noCreators } = parameters
  const posted = await readPostedEpoch(connection, contracts, { epoch, fromBlock: parameters.fromBlock })
  if (!posted) throw new EpochNotPostedError(epoch)
  const differences = receiptDifferences(receipts, connection.chainId, contracts.FeeRouter)
  if (receipts.length === 0) {
    differences.push(...compareEpochCalls(posted.call, emptyCall(epoch)))
    return { posted, receiptCount: 0, expected: undefined, differences }
  }
  const splits = await readContractCall(connection, {
    address: contracts.FeeRouter,
    abi: feeRouterAbi,
    functionName: 'splits',
    blockNumber: posted.blockNumber,
  })
  const hashes = [
    ...new Set(receipts.flatMap((m) => m.receipt.adapters.map((a) => a.sha256.toLowerCase() as Hex))),
  ]
  const { call } = planSettlement({
    epoch,
    receipts,
    splits: { ...splits },
    // As they stood when the epoch was posted: a later revocation or reassignment does not change what it owed.
    adapterCreators: await adapterCreators(hashes, { blockNumber: posted.blockNumber }),
    treasury,
  })
  differences.push(...compareEpochCalls(posted.call, call))
  return { posted, receiptCount: receipts.length, expected: call, differences }
}

function emptyCall(epoch: bigint): PostEpochCall {
  const zero = `0x${'00'.repeat(32)}` as Hex
  return {
    epoch,
    receiptsRoot: zero,
    payoutsRoot: zero,
    charges: [],
    agents: [],
    adapterCreators: [],
    contributorsPaid: 0n,
  }
}

/** Receipts listed twice, and version 2 receipts that commit to another chain or FeeRouter. */
function receiptDifferences(receipts: readonly MeteredReceipt[], chainId: number, feeRouter: Address) {
  const differences: EpochDifference[] = []
  const seen = new Set<Hex>()
  const here = `${chainId}/${getAddress(feeRouter)}`
  for (const { receipt } of receipts) {
    const id = receiptId(receipt)
    if (seen.has(id))
      differences.push({ field: 'receipt', key: id, posted: 'listed twice', expected: 'once' })
    seen.add(id)
    if (receipt.version !== 2) continue
    const committed = `${receipt.chainId}/${getAddress(receipt.feeRouter)}`
    if (committed !== here) differences.push({ field: 'receipt', key: id, posted: committed, expected: here })
  }
  return differences
}
