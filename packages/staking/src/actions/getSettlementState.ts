import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Address, Hex } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { Splits, StakingContracts } from '../types.js'

/** A posted epoch's status on FeeRouter; `none` for one never posted. */
export type EpochStatus = 'none' | 'pending' | 'final' | 'vetoed' | 'refunded'

/** The epoch waiting for its dispute window. */
export type PendingEpoch = {
  epoch: bigint
  /** Who posted it. */
  settler: Address
  /** Unix seconds it was posted. */
  postedAt: bigint
  /** Unix seconds from which anyone may finalise it; until then the Safe may veto it. */
  finalizesAt: bigint
  /** The splits it was posted under (finalising routes by them). */
  splits: Splits
  /** OPEN wei its charges took into escrow. */
  charged: bigint
  /** OPEN wei its payouts tree pays contributors. */
  contributorsPaid: bigint
}

/** One posted epoch's record. */
export type EpochRecord = {
  receiptsRoot: Hex
  payoutsRoot: Hex
  /** OPEN wei its contributors may claim: `contributorsPaid` once final, 0n before. */
  contributorsFunded: bigint
  contributorsClaimed: bigint
  status: EpochStatus
}

export type GetSettlementStateParameters = {
  /** Also read this epoch's record. */
  epoch?: bigint | undefined
}
export type GetSettlementStateReturnType = {
  /** The last posted epoch, vetoed ones included; 0n before the first. */
  lastEpoch: bigint
  /** The epoch waiting for its dispute window; undefined when none is. */
  pending: PendingEpoch | undefined
  /** The current splits, for epochs posted from now on. */
  splits: Splits
  /** Seconds an epoch posted now stays pending. */
  disputeWindow: bigint
  /** The bond a settler must hold to post, OPEN wei. */
  minSettlerBond: bigint
  /** `epoch`'s record; present only when `epoch` is given. */
  record?: EpochRecord
}

const statuses: readonly EpochStatus[] = ['none', 'pending', 'final', 'vetoed', 'refunded']

/**
 * FeeRouter's settlement state: the last posted epoch, the pending one, the splits, the dispute window and
 * the minimum settler bond; with `epoch`, that epoch's record (roots, contributors' funding, status).
 *
 * @example
 * const { pending, record } = await getSettlementState(connection, manifest.contracts, { epoch: 3n })
 * if (pending) console.log(`epoch ${pending.epoch} finalises at ${pending.finalizesAt}`)
 * if (record?.status === 'final') console.log(record.payoutsRoot)
 */
export async function getSettlementState(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: GetSettlementStateParameters = {},
): Promise<GetSettlementStateReturnType> {
  const { epoch } = parameters
  const router = { address: contracts.FeeRouter, abi: routerAbi } as const
  const read = <T>(call: Promise<T>) => withStakingErrors(call)
  const [lastEpoch, pending, splits, disputeWindow, minSettlerBond, record] = await Promise.all([
    read(readContractCall(connection, { ...router, functionName: 'lastEpoch' })),
    read(readContractCall(connection, { ...router, functionName: 'pendingEpoch' })),
    read(readContractCall(connection, { ...router, functionName: 'splits' })),
    read(readContractCall(connection, { ...router, functionName: 'disputeWindow' })),
    read(readContractCall(connection, { ...router, functionName: 'minSettlerBond' })),
    epoch === undefined
      ? undefined
      : read(readContractCall(connection, { ...router, functionName: 'epochOf', args: [epoch] })),
  ])
  return {
    lastEpoch: BigInt(lastEpoch),
    pending:
      pending.epoch === 0n
        ? undefined
        : {
            epoch: BigInt(pending.epoch),
            settler: pending.settler,
            postedAt: BigInt(pending.postedAt),
            finalizesAt: BigInt(pending.finalizesAt),
            splits: { ...pending.splits },
            charged: pending.charged,
            contributorsPaid: pending.contributorsPaid,
          },
    splits: { ...splits },
    disputeWindow: BigInt(disputeWindow),
    minSettlerBond,
    ...(record === undefined
      ? {}
      : {
          record: {
            receiptsRoot: record.receiptsRoot,
            payoutsRoot: record.payoutsRoot,
            contributorsFunded: record.contributorsFunded,
            contributorsClaimed: record.contributorsClaimed,
            status: statuses[record.status] ?? 'none',
          },
        }),
  }
}
