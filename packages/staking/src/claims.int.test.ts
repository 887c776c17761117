import { useDeployedDevnet } from '@openledger/chain/testing'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, type Hex, keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import {
  AlreadyClaimedError,
  claimContributorReward,
  claimContributorRewards,
  EpochNotFinalError,
  finalizeEpoch,
  getSettlementState,
  InvalidProofError,
  postEpoch,
  UnderfundedError,
  ZeroAmountError,
} from './index.js'
import {
  epochCall,
  OPEN,
  passDisputeWindow,
  postAndFinalize,
  setUpStakedAgent,
} from './testing/feeRouterFixture.js'

/** Dev accounts: 3–6 hold genesis OPEN (3 funds the others); 7 creates the agent; 9 settles fees. */
const [FUNDER, PAYER, ADAPTER_CREATOR, OTHER, CREATOR, STAKER, SETTLER] = [3, 4, 5, 6, 7, 8, 9] as const

let agentId: bigint
const devnet = useDeployedDevnet(async (d) => {
  agentId = await setUpStakedAgent(d, {
    funder: FUNDER,
    creator: CREATOR,
    staker: STAKER,
    settler: SETTLER,
    payers: [PAYER],
  })
})
const contracts = () => devnet.env.manifest.contracts
const connection = () => devnet.env.connection
const { account, address } = devnet
const tokenBalanceOf = (owner: Address) => devnet.tokenAs(FUNDER).read.balanceOf([owner])

/** Contributors with no dev key: a claim for them is signed by another account. */
const [CONTRIBUTOR_B, CONTRIBUTOR_C] = ['contributor b', 'contributor c'].map(
  (seed) => privateKeyToAccount(keccak256(toHex(seed))).address,
) as [Address, Address]

/** One epoch's payouts tree over `[account, amount]`. */
function payouts(amounts: readonly (readonly [Address, bigint])[]) {
  const tree = StandardMerkleTree.of(
    amounts.map(([who, amount]) => [who, amount.toString()]),
    ['address', 'uint256'],
  )
  const proofOf = (who: Address, amount: bigint) => tree.getProof([who, amount.toString()]) as Hex[]
  return { root: tree.root as Hex, proofOf }
}

const epoch = (n: bigint, payoutsRoot: Hex) =>
  epochCall(n, { agentId, payer: address(PAYER), adapterCreator: address(ADAPTER_CREATOR), payoutsRoot })

describe('contributor rewards', () => {
  it('pays a claim with a real proof once; refuses a bad proof, an underfunded epoch and a pending one', async () => {
    // Epoch 1's tree promises 50 OPEN but the epoch funds 40: the last claim cannot be paid.
    const { root, proofOf } = payouts([
      [address(OTHER), OPEN(25n)],
      [CONTRIBUTOR_B, OPEN(15n)],
      [CONTRIBUTOR_C, OPEN(10n)],
    ])
    await postEpoch(connection(), contracts(), { ...epoch(1n, root), account: account(SETTLER) })
    const first = account(OTHER)
    const claimOf = { account: first, epoch: 1n, amount: OPEN(25n), proof: proofOf(first.address, OPEN(25n)) }
    const pending = claimContributorReward(connection(), contracts(), claimOf)
    await expect(pending).rejects.toThrow(EpochNotFinalError)
    await expect(pending).rejects.toThrowErrorMatchingInlineSnapshot(
      `[EpochNotFinalError: Epoch 1 is not final: nothing can be claimed from it.]`,
    )

    await passDisputeWindow(devnet)
    await finalizeEpoch(connection(), contracts(), { ...epoch(1n, root), account: first })
    const before = await tokenBalanceOf(first.address)
    const claimed = await claimContributorReward(connection(), contracts(), claimOf)
    expect(claimed.amount).toBe(OPEN(25n))
    expect(await tokenBalanceOf(first.address)).toBe(before + OPEN(25n))

    const again = claimContributorReward(connection(), contracts(), claimOf)
    await expect(again).rejects.toThrow(AlreadyClaimedError)
    await expect(again).rejects.toThrowErrorMatchingInlineSnapshot(
      `[AlreadyClaimedError: 0x976EA74026E726554dB657fA54763abd0C3a0aa9 has already claimed its reward for epoch 1.]`,
    )

    // PAYER claims for contributor B; the OPEN goes to B.
    const forB = await claimContributorReward(connection(), contracts(), {
      account: account(PAYER),
      beneficiary: CONTRIBUTOR_B,
      epoch: 1n,
      amount: OPEN(15n),
      proof: proofOf(CONTRIBUTOR_B, OPEN(15n)),
    })
    expect(forB.amount).toBe(OPEN(15n))
    expect(await tokenBalanceOf(CONTRIBUTOR_B)).toBe(OPEN(15n))

    const forC = { account: account(PAYER), beneficiary: CONTRIBUTOR_C, epoch: 1n }
    const inflated = claimContributorReward(connection(), contracts(), {
      ...forC,
      amount: OPEN(10n) + 1n,
      proof: proofOf(CONTRIBUTOR_C, OPEN(10n)),
    })
    await expect(inflated).rejects.toThrow(InvalidProofError)
    await expect(inflated).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidProofError: The proof for 0x363Deb9C7e9462745540bD26f10B4Dd30D9cFCb5 (10000000000000000001 wei) does not match epoch 1's payouts root.]`,
    )

    const underfunded = claimContributorReward(connection(), contracts(), {
      ...forC,
      amount: OPEN(10n),
      proof: proofOf(CONTRIBUTOR_C, OPEN(10n)),
    })
    await expect(underfunded).rejects.toThrow(UnderfundedError)
    await expect(underfunded).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnderfundedError: Epoch 1 holds 0 wei of unclaimed contributor funds, less than the 10000000000000000000 wei claimed.]`,
    )
    expect((await getSettlementState(connection(), contracts(), { epoch: 1n })).record).toMatchObject({
      status: 'final',
      contributorsFunded: OPEN(40n),
      contributorsClaimed: OPEN(40n),
    })
  })

  it('claims several epochs in one transaction', async () => {
    const contributor = account(OTHER)
    const one = payouts([
      [contributor.address, OPEN(30n)],
      [CONTRIBUTOR_B, OPEN(10n)],
    ])
    const two = payouts([
      [contributor.address, OPEN(12n)],
      [CONTRIBUTOR_C, OPEN(28n)],
    ])
    await postAndFinalize(devnet, SETTLER, epoch(1n, one.root))
    await postAndFinalize(devnet, SETTLER, epoch(2n, two.root))
    const before = await tokenBalanceOf(contributor.address)
    // Signed by PAYER for the contributor: the OPEN goes to the contributor.
    const { amount, epochs } = await claimContributorRewards(connection(), contracts(), {
      account: account(PAYER),
      beneficiary: contributor.address,
      claims: [
        { epoch: 1n, amount: OPEN(30n), proof: one.proofOf(contributor.address, OPEN(30n)) },
        { epoch: 2n, amount: OPEN(12n), proof: two.proofOf(contributor.address, OPEN(12n)) },
      ],
    })
    expect([amount, epochs]).toEqual([OPEN(42n), [1n, 2n]])
    expect(await tokenBalanceOf(contributor.address)).toBe(before + OPEN(42n))
    await expect(
      claimContributorRewards(connection(), contracts(), {
        account: contributor,
        claims: [{ epoch: 2n, amount: OPEN(12n), proof: two.proofOf(contributor.address, OPEN(12n)) }],
      }),
    ).rejects.toMatchObject({ name: 'AlreadyClaimedError', epoch: 2n, account: contributor.address })
    await expect(
      claimContributorRewards(connection(), contracts(), { account: contributor, claims: [] }),
    ).rejects.toThrow(ZeroAmountError)
  })
})
