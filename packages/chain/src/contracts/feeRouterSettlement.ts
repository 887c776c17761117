import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, type Hex, keccak256, toHex, zeroHash } from 'viem'
import { NotInPayoutsTreeError } from '../errors.js'
import { SPLITS } from './feeRouterFixture.js'

const share = (fees: bigint, bps: number) => (fees * BigInt(bps)) / 10_000n

export type Charge = { payer: Address; amount: bigint }
export type AgentFees = { agentId: bigint; fees: bigint }
export type AdapterCreatorFees = { creator: Address; amount: bigint }

/** What FeeRouter must pay each party for these agents' fees under `SPLITS`, computed independently. */
export function expectedSplit(agents: readonly AgentFees[], contributorsPaid: bigint) {
  const creators = agents.map(({ fees }) => share(fees, SPLITS.agentCreator))
  const stakers = agents.map(({ fees }) => share(fees, SPLITS.stakers))
  const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)
  const total = sum(agents.map((a) => a.fees))
  const adapterPool = sum(agents.map(({ fees }) => share(fees, SPLITS.adapterCreators)))
  const contributorPool = sum(agents.map(({ fees }) => share(fees, SPLITS.contributors)))
  return {
    total,
    creators,
    stakers,
    adapterPool,
    contributorPool,
    treasury: total - sum(creators) - sum(stakers) - adapterPool - contributorsPaid,
  }
}

/** Splits the adapter creators' pool between two creators: a third and the rest. */
export function adapterCreatorFees(pool: bigint, first: Address, second: Address): AdapterCreatorFees[] {
  return [
    { creator: first, amount: pool / 3n },
    { creator: second, amount: pool - pool / 3n },
  ]
}

/** A receipts tree over `[bytes32 receiptId]`, as attribution's buildEpoch builds it. */
export function receiptsTree(count: number, epoch: bigint) {
  const ids = Array.from(
    { length: count },
    (_, i) => [keccak256(toHex(`epoch ${epoch} receipt ${i}`))] as [Hex],
  )
  return StandardMerkleTree.of(ids, ['bytes32'])
}

/** A cumulative payouts tree over `[address account, uint256 cumulative]`, as buildEpoch builds it. */
export function payoutsTree(cumulative: ReadonlyMap<Address, bigint>) {
  if (cumulative.size === 0)
    return {
      root: zeroHash as Hex,
      proofOf: (account: Address): { account: Address; cumulative: bigint; proof: Hex[] } => {
        throw new NotInPayoutsTreeError(account, true)
      },
    }
  const tree = StandardMerkleTree.of(
    [...cumulative].map(([account, value]) => [account, value.toString()] as [Address, string]),
    ['address', 'uint256'],
  )
  const proofOf = (account: Address) => {
    const value = cumulative.get(account)
    if (value === undefined) throw new NotInPayoutsTreeError(account, false)
    return { account, cumulative: value, proof: tree.getProof([account, value.toString()]) as Hex[] }
  }
  return { root: tree.root as Hex, proofOf }
}
