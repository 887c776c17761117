import {
  type EpochRecord,
  getSettlementState,
  getSettlerBond,
  type PendingEpoch,
  type Splits,
} from '@openledger/staking'
import type { Settler } from './types.js'

/** FeeRouter's settlement state as the settler acts on it. */
export type RouterState = {
  /** The last posted epoch, vetoed ones included (0n before the first). */
  lastEpoch: bigint
  /** The epoch in its dispute window, if any: no other can be posted meanwhile. */
  pending: PendingEpoch | undefined
  /** The splits a new epoch is posted under. */
  splits: Splits
  /** The bond a settler must hold to post, and the settler's. */
  minSettlerBond: bigint
  bond: bigint
  /**
   * Now, in Unix seconds: the latest block's time, or the wall clock when it is later (a devnet mines only on
   * demand, and the next block is stamped with the time it is mined).
   */
  now: bigint
}

/** FeeRouter's last and pending epochs, splits, the settler's bond, and the time to judge windows by. */
export async function readRouter(settler: Settler): Promise<RouterState> {
  const [state, bond, block] = await Promise.all([
    getSettlementState(settler.connection, settler.contracts),
    getSettlerBond(settler.connection, settler.contracts, { settler: settler.account.address }),
    settler.connection.publicClient.getBlock({ blockTag: 'latest' }),
  ])
  const wall = BigInt(Math.floor(Date.now() / 1000))
  return {
    lastEpoch: state.lastEpoch,
    pending: state.pending,
    splits: state.splits,
    minSettlerBond: state.minSettlerBond,
    bond,
    now: block.timestamp > wall ? block.timestamp : wall,
  }
}

/** A posted epoch's record on FeeRouter (status `none` for one never posted). */
export async function readEpochRecord(settler: Settler, epoch: bigint): Promise<EpochRecord> {
  const { record } = await getSettlementState(settler.connection, settler.contracts, { epoch })
  return record!
}

/** Whether two splits are the same five numbers. */
export function sameSplits(a: Splits, b: Splits): boolean {
  return (
    a.contributors === b.contributors &&
    a.agentCreator === b.agentCreator &&
    a.adapterCreators === b.adapterCreators &&
    a.stakers === b.stakers &&
    a.treasury === b.treasury
  )
}
