import type { StoreSession } from '@openledger/store'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, getAddress, type Hex } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type PayoutClaim = {
  account: Address
  /** Everything the account has earned as a contributor, over all settled epochs. */
  cumulative: bigint
  /** Against the latest payouts root, as `FeeRouter.claim(account, cumulative, proof)` takes it. */
  proof: Hex[]
  /** The settled epoch whose payouts root the proof is against. */
  epoch: bigint
}

/**
 * A contributor's claim against the latest settled payouts root: what they have earned in total and its proof.
 * The chain pays `cumulative − already claimed`. Undefined when the account has earned nothing yet.
 *
 * @example
 * const claim = await getPayoutClaim(store, ledger, contributor)
 * if (claim) await claimContributorReward(connection, contracts, { account, ...claim })
 */
export async function getPayoutClaim(
  store: StoreSession,
  ledger: LedgerRef,
  account: Address,
): Promise<PayoutClaim | undefined> {
  const key = ledgerKey(ledger)
  const row = await ledgerDb(store)
    .selectFrom('settlement_epochs')
    .select(['epoch', 'payouts_tree'])
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', '=', 'settled')
    .orderBy('epoch', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row?.payouts_tree) return undefined
  const tree = StandardMerkleTree.load<[string, string]>(JSON.parse(row.payouts_tree))
  const wanted = getAddress(account)
  for (const [index, [leafAccount, cumulative]] of tree.entries()) {
    if (getAddress(leafAccount) !== wanted) continue
    return {
      account: wanted,
      cumulative: BigInt(cumulative),
      proof: tree.getProof(index) as Hex[],
      epoch: BigInt(row.epoch),
    }
  }
  return undefined
}
