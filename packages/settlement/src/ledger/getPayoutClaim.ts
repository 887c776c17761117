import type { ChainConnection } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import type { StoreSession } from '@openledger/store'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, getAddress, type Hex } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/** One final epoch's payout to an account, as `FeeRouter.claim(epoch, account, amount, proof)` takes it. */
export type PayoutClaim = {
  epoch: bigint
  /** What the account earned as a contributor in that epoch. */
  amount: bigint
  /** Against that epoch's payouts root. */
  proof: Hex[]
}

export type GetPayoutClaimOptions = {
  /** Leave out the epochs FeeRouter says the account has claimed (`isClaimed`); without it, every one. */
  connection?: ChainConnection
}

/**
 * A contributor's payouts in the ledger's final epochs, oldest first: each epoch's amount and its proof against
 * that epoch's payouts root (`claimContributorRewards` takes them all at once). With `connection`, only the
 * epochs not yet claimed on-chain. Empty when the account has earned nothing (yet) in a final epoch; posted
 * epochs are not claimable before their dispute window ends.
 *
 * @example
 * const claims = await getPayoutClaim(store, ledger, contributor, { connection })
 * if (claims.length > 0) await claimContributorRewards(connection, contracts, { account, beneficiary: contributor, claims })
 */
export async function getPayoutClaim(
  store: StoreSession,
  ledger: LedgerRef,
  account: Address,
  options: GetPayoutClaimOptions = {},
): Promise<PayoutClaim[]> {
  const key = ledgerKey(ledger)
  const rows = await ledgerDb(store)
    .selectFrom('settlement_epochs')
    .select(['epoch', 'payouts_tree'])
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', '=', 'final')
    .where('payouts_tree', 'is not', null)
    .orderBy('epoch')
    .execute()
  const wanted = getAddress(account)
  const claims: PayoutClaim[] = []
  for (const row of rows) {
    const tree = StandardMerkleTree.load<[string, string]>(JSON.parse(row.payouts_tree!))
    for (const [index, [leafAccount, amount]] of tree.entries()) {
      if (getAddress(leafAccount) !== wanted) continue
      claims.push({ epoch: BigInt(row.epoch), amount: BigInt(amount), proof: tree.getProof(index) as Hex[] })
      break
    }
  }
  if (!options.connection) return claims
  const client = options.connection.publicClient
  const claimed = await Promise.all(
    claims.map((c) =>
      client.readContract({
        address: key.fee_router as Address,
        abi: feeRouterAbi,
        functionName: 'isClaimed',
        args: [c.epoch, wanted],
      }),
    ),
  )
  return claims.filter((_, i) => !claimed[i])
}
