import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, type Hex, keccak256, toHex, zeroHash } from 'viem'
import { NotInPayoutsTreeError } from '../errors.js'
import { AGENTS, addressOf, SPLITS } from './feeRouterFixture.js'

const share = (fees: bigint, bps: number) => (fees * BigInt(bps)) / 10_000n
const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)

export type Charge = { payer: Address; amount: bigint }
export type AgentFees = { agentId: bigint; fees: bigint }
export type AdapterCreatorFees = { creator: Address; amount: bigint }
export type Splits = { contributors: number; agentCreator: number; adapterCreators: number; stakers: number }

export const [CONTRIBUTOR_1, CONTRIBUTOR_2, CONTRIBUTOR_3] = ['c1', 'c2', 'c3'].map(addressOf) as [
  Address,
  Address,
  Address,
]
export const [ADAPTER_X, ADAPTER_Y] = [addressOf('adapter x'), addressOf('adapter y')]

/** What FeeRouter must pay each party for these agents' fees under `splits`, computed independently. */
export function expectedSplit(
  agents: readonly AgentFees[],
  contributorsPaid: bigint,
  splits: Splits = SPLITS,
) {
  const creators = agents.map(({ fees }) => share(fees, splits.agentCreator))
  const stakers = agents.map(({ fees }) => share(fees, splits.stakers))
  const total = sum(agents.map((a) => a.fees))
  const adapterPool = sum(agents.map(({ fees }) => share(fees, splits.adapterCreators)))
  const contributorPool = sum(agents.map(({ fees }) => share(fees, splits.contributors)))
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

export type PayoutsTree = ReturnType<typeof payoutsTree>

/** One epoch's payouts tree over `[address account, uint256 amount]`, as attribution's buildEpoch builds it. */
export function payoutsTree(amounts: ReadonlyMap<Address, bigint>) {
  if (amounts.size === 0)
    return {
      root: zeroHash as Hex,
      proofOf: (account: Address): { account: Address; amount: bigint; proof: Hex[] } => {
        throw new NotInPayoutsTreeError(account, true)
      },
    }
  const tree = StandardMerkleTree.of(
    [...amounts].map(([account, value]) => [account, value.toString()] as [Address, string]),
    ['address', 'uint256'],
  )
  const proofOf = (account: Address) => {
    const amount = amounts.get(account)
    if (amount === undefined) throw new NotInPayoutsTreeError(account, false)
    return { account, amount, proof: tree.getProof([account, amount.toString()]) as Hex[] }
  }
  return { root: tree.root as Hex, proofOf }
}

/** Charges sorted by payer address, ascending, as postEpoch requires. */
export const sortCharges = (charges: readonly Charge[]): Charge[] =>
  [...charges].sort((a, b) => (BigInt(a.payer) < BigInt(b.payer) ? -1 : 1))
export const totalOf = (charges: readonly Charge[]) => sum(charges.map((c) => c.amount))

/** Spreads `total` over the three agents unevenly (about 47%, 29% and 24%). */
export function agentFeesOf(total: bigint): AgentFees[] {
  const first = (total * 47n) / 100n + (total > 100n ? 1n : 0n)
  const second = (total * 29n) / 100n + (total > 100n ? 3n : 0n)
  return [
    { agentId: AGENTS[0], fees: first },
    { agentId: AGENTS[1], fees: second },
    { agentId: AGENTS[2], fees: total - first - second },
  ]
}

export type Epoch = {
  epoch: bigint
  receiptsRoot: Hex
  charges: Charge[]
  agents: AgentFees[]
  adapters: AdapterCreatorFees[]
  contributorsPaid: bigint
  amounts: Map<Address, bigint>
  payouts: PayoutsTree
}

/** An epoch charging `charges` (sorted here) whose contributors earn `earned` in it. */
export function buildEpoch(
  epoch: bigint,
  charges: readonly Charge[],
  earned: ReadonlyMap<Address, bigint>,
): Epoch {
  const agents = agentFeesOf(totalOf(charges))
  const { adapterPool } = expectedSplit(agents, 0n)
  const amounts = new Map(earned)
  return {
    epoch,
    receiptsRoot: receiptsTree(5, epoch).root as Hex,
    charges: sortCharges(charges),
    agents,
    adapters: adapterCreatorFees(adapterPool, ADAPTER_X, ADAPTER_Y),
    contributorsPaid: sum([...amounts.values()]),
    amounts,
    payouts: payoutsTree(amounts),
  }
}

/** Contributors earn about half, 30% and 15% of the pool; the remaining ~5% stands for no-evidence answers. */
export function earnings(charges: readonly Charge[]): Map<Address, bigint> {
  const { contributorPool } = expectedSplit(agentFeesOf(totalOf(charges)), 0n)
  return new Map([
    [CONTRIBUTOR_1, (contributorPool * 50n) / 100n + 1n],
    [CONTRIBUTOR_2, (contributorPool * 30n) / 100n],
    [CONTRIBUTOR_3, (contributorPool * 15n) / 100n - 3n],
  ])
}

/** postEpoch's arguments for `e`. */
export const postArgs = (e: Epoch) =>
  [e.epoch, e.receiptsRoot, e.payouts.root, e.charges, e.agents, e.adapters, e.contributorsPaid] as const
/** finalizeEpoch's arguments for `e`. */
export const routingArgs = (e: Epoch) => [e.epoch, e.agents, e.adapters] as const
