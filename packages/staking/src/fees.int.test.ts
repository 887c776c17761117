import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { openTokenAbi } from '@openledger/contracts'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import {
  type Address,
  createTestClient,
  custom,
  type Hex,
  keccak256,
  parseEther,
  toHex,
  zeroHash,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  claimContributorReward,
  depositFees,
  EpochOutOfOrderError,
  getFeeBalance,
  getPosition,
  getSettlementState,
  InsufficientBalanceError,
  InvalidProofError,
  NothingToClaimError,
  registerAgent,
  requestFeeWithdrawal,
  type SettleEpochCall,
  settleEpoch,
  stake,
  UnauthorizedSettlerError,
  UnbalancedSettlementError,
  UnderfundedError,
  WithdrawalLockedError,
  withdrawFees,
  ZeroAmountError,
} from './index.js'

const OPEN = (whole: bigint) => parseEther(String(whole))
/** Dev accounts: 3–6 hold genesis OPEN (3 funds the others); 7 creates the agent; 9 settles fees. */
const [FUNDER, PAYER, ADAPTER_CREATOR, OTHER, CREATOR, STAKER, SETTLER] = [3, 4, 5, 6, 7, 8, 9] as const
const DAY = 24n * 3600n
/** A fixed time for the withdrawal request, so error messages with its unlock time snapshot exactly. */
const REQUESTED_AT = 4_000_000_000n

let env: DeployedDevnet
let testClient: ReturnType<typeof createTestClient>
let snapshot: Hex
const account = (i: number) => privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
const address = (i: number) => account(i).address
const contracts = () => env.manifest.contracts
const connection = () => env.connection
const tokenBalanceOf = (owner: Address) =>
  env.connection.publicClient.readContract({
    address: contracts().OpenToken,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [owner],
  })

/** An agent with 100 OPEN staked by its creator and 900 by STAKER. */
async function activeAgent() {
  const { agentId } = await registerAgent(connection(), contracts(), {
    account: account(CREATOR),
    metadataURI: 'ipfs://agent',
    feePerCall: OPEN(1n),
  })
  await stake(connection(), contracts(), { account: account(CREATOR), agentId, amount: OPEN(100n) })
  await stake(connection(), contracts(), { account: account(STAKER), agentId, amount: OPEN(900n) })
  return agentId
}

/** Contributors with no dev key: a claim for them is signed by another account. */
const [CONTRIBUTOR_B, CONTRIBUTOR_C] = ['contributor b', 'contributor c'].map(
  (seed) => privateKeyToAccount(keccak256(toHex(seed))).address,
) as [Address, Address]

/** Cumulative entitlements of 25 (OTHER), 15 (B) and 10 (C) OPEN: 50, of which the test settlements fund 40. */
function payouts() {
  const entitlements = [
    [address(OTHER), OPEN(25n)],
    [CONTRIBUTOR_B, OPEN(15n)],
    [CONTRIBUTOR_C, OPEN(10n)],
  ] as const
  const tree = StandardMerkleTree.of(
    entitlements.map(([who, cumulative]) => [who, cumulative.toString()]),
    ['address', 'uint256'],
  )
  const proofOf = (who: Address, cumulative: bigint) => tree.getProof([who, cumulative.toString()]) as Hex[]
  return { root: tree.root as Hex, proofOf }
}

/** Epoch `epoch`: PAYER pays 100 OPEN of the agent's fees; 10 to the adapter creator, 40 to contributors. */
function epochOf(epoch: bigint, agentId: bigint, payoutsRoot: Hex = zeroHash): SettleEpochCall {
  return {
    epoch,
    receiptsRoot: keccak256(toHex(`receipts of epoch ${epoch}`)),
    payoutsRoot,
    charges: [{ payer: address(PAYER), amount: OPEN(100n) }],
    agents: [{ agentId, fees: OPEN(100n) }],
    adapterCreators: [{ creator: address(ADAPTER_CREATOR), amount: OPEN(10n) }],
    contributorsPaid: OPEN(40n),
  }
}

beforeAll(async () => {
  env = await deployedDevnet()
  testClient = createTestClient({
    mode: 'hardhat',
    transport: custom(env.devnet),
    chain: env.connection.chain,
  })
  for (const i of [CREATOR, STAKER]) {
    const hash = await env.connection.walletClient(account(FUNDER)).writeContract({
      address: contracts().OpenToken,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [address(i), OPEN(2_000n)],
      account: account(FUNDER),
      chain: env.connection.chain,
    })
    await env.connection.publicClient.waitForTransactionReceipt({ hash })
  }
})
afterAll(() => env?.cleanup())
beforeEach(async () => {
  snapshot = await testClient.snapshot()
})
afterEach(async () => {
  await testClient.revert({ id: snapshot })
})

describe('prepaid fees', () => {
  it('deposits for the signer and for another account, and reads the balances', async () => {
    const before = await tokenBalanceOf(address(PAYER))
    const own = await depositFees(connection(), contracts(), { account: account(PAYER), amount: OPEN(100n) })
    expect(own.approvalHash).toBeDefined()
    expect(own.receipt.status).toBe('success')
    await depositFees(connection(), contracts(), {
      account: account(PAYER),
      amount: OPEN(5n),
      beneficiary: address(OTHER),
    })
    expect(await tokenBalanceOf(address(PAYER))).toBe(before - OPEN(105n))
    expect(await getFeeBalance(connection(), contracts(), { account: address(PAYER) })).toEqual({
      balance: OPEN(100n),
      pendingWithdrawal: 0n,
      unlocksAt: 0n,
      spendable: OPEN(100n),
    })
    expect(await getFeeBalance(connection(), contracts(), { account: address(OTHER) })).toMatchObject({
      balance: OPEN(5n),
      spendable: OPEN(5n),
    })
    await expect(
      depositFees(connection(), contracts(), { account: account(PAYER), amount: 0n }),
    ).rejects.toThrow(ZeroAmountError)
  })

  it('requests a withdrawal, refuses it early, and withdraws after the delay', async () => {
    const payer = account(PAYER)
    await depositFees(connection(), contracts(), { account: payer, amount: OPEN(100n) })
    const notRequested = withdrawFees(connection(), contracts(), { account: payer, amount: OPEN(1n) })
    await expect(notRequested).rejects.toThrowErrorMatchingInlineSnapshot(
      `[WithdrawalLockedError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 has no fee withdrawal requested; request one first.]`,
    )

    await testClient.setNextBlockTimestamp({ timestamp: REQUESTED_AT })
    const { unlocksAt } = await requestFeeWithdrawal(connection(), contracts(), {
      account: payer,
      amount: OPEN(40n),
    })
    expect(unlocksAt).toBe(REQUESTED_AT + DAY)
    expect(await getFeeBalance(connection(), contracts(), { account: payer.address })).toEqual({
      balance: OPEN(100n),
      pendingWithdrawal: OPEN(40n),
      unlocksAt: REQUESTED_AT + DAY,
      spendable: OPEN(60n),
    })

    const early = withdrawFees(connection(), contracts(), { account: payer, amount: OPEN(40n) })
    await expect(early).rejects.toThrow(WithdrawalLockedError)
    await expect(early).rejects.toMatchObject({
      account: payer.address,
      requested: OPEN(40n),
      unlocksAt: new Date(Number(REQUESTED_AT + DAY) * 1000),
    })
    await expect(early).rejects.toThrowErrorMatchingInlineSnapshot(
      `[WithdrawalLockedError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65's fee withdrawal of up to 40000000000000000000 wei unlocks at 2096-10-03T07:06:40.000Z; withdraw at most that, after then.]`,
    )

    await testClient.increaseTime({ seconds: Number(DAY) })
    await testClient.mine({ blocks: 1 })
    await expect(
      withdrawFees(connection(), contracts(), { account: payer, amount: OPEN(41n) }),
    ).rejects.toThrow(WithdrawalLockedError)
    const before = await tokenBalanceOf(payer.address)
    await withdrawFees(connection(), contracts(), { account: payer, amount: OPEN(40n) })
    expect(await tokenBalanceOf(payer.address)).toBe(before + OPEN(40n))
    expect(await getFeeBalance(connection(), contracts(), { account: payer.address })).toMatchObject({
      balance: OPEN(60n),
      pendingWithdrawal: 0n,
      spendable: OPEN(60n),
    })
  })

  it('refuses to withdraw more than the balance', async () => {
    const payer = account(PAYER)
    await depositFees(connection(), contracts(), { account: payer, amount: OPEN(100n) })
    const tooMuch = requestFeeWithdrawal(connection(), contracts(), { account: payer, amount: OPEN(101n) })
    await expect(tooMuch).rejects.toThrow(InsufficientBalanceError)
    await expect(tooMuch).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InsufficientBalanceError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 has 100000000000000000000 wei of prepaid fees, less than the 101000000000000000000 wei needed.]`,
    )

    // A settlement charges 60 of the 100 requested meanwhile: withdrawing the request takes more than is left.
    await requestFeeWithdrawal(connection(), contracts(), { account: payer, amount: OPEN(100n) })
    const agentId = await activeAgent()
    await settleEpoch(connection(), contracts(), {
      ...epochOf(1n, agentId),
      account: account(SETTLER),
      charges: [{ payer: payer.address, amount: OPEN(60n) }],
      agents: [{ agentId, fees: OPEN(60n) }],
      adapterCreators: [{ creator: address(ADAPTER_CREATOR), amount: OPEN(6n) }],
      contributorsPaid: 0n,
    })
    expect(await getFeeBalance(connection(), contracts(), { account: payer.address })).toMatchObject({
      balance: OPEN(40n),
      pendingWithdrawal: OPEN(100n),
      spendable: 0n,
    })
    await testClient.increaseTime({ seconds: Number(DAY) })
    await testClient.mine({ blocks: 1 })
    const drained = withdrawFees(connection(), contracts(), { account: payer, amount: OPEN(100n) })
    await expect(drained).rejects.toMatchObject({
      name: 'InsufficientBalanceError',
      balance: OPEN(40n),
      needed: OPEN(100n),
    })
  })
})

describe('settlement', () => {
  it('settles an epoch as the settler, calling onSent with the hash first', async () => {
    const agentId = await activeAgent()
    await depositFees(connection(), contracts(), { account: account(PAYER), amount: OPEN(100n) })
    const { root } = payouts()
    const creatorBefore = await tokenBalanceOf(address(CREATOR))
    const adapterCreatorBefore = await tokenBalanceOf(address(ADAPTER_CREATOR))
    const sent: Hex[] = []
    const { hash, receipt } = await settleEpoch(connection(), contracts(), {
      ...epochOf(1n, agentId, root),
      account: account(SETTLER),
      onSent: (h) => {
        sent.push(h)
      },
    })
    expect(sent).toEqual([hash])
    expect(receipt.status).toBe('success')
    expect((await getFeeBalance(connection(), contracts(), { account: address(PAYER) })).balance).toBe(0n)
    expect(await tokenBalanceOf(address(ADAPTER_CREATOR))).toBe(adapterCreatorBefore + OPEN(10n))
    expect(await tokenBalanceOf(address(CREATOR))).toBe(creatorBefore + OPEN(20n))
    // Stakers' 20 OPEN, pro rata: STAKER holds 900 of the 1,000 staked.
    expect(
      (await getPosition(connection(), contracts(), { agentId, staker: address(STAKER) })).pendingReward,
    ).toBe(OPEN(18n))

    expect(await getSettlementState(connection(), contracts(), { epoch: 1n })).toEqual({
      lastEpoch: 1n,
      payoutsRoot: root,
      splits: {
        contributors: 4_000,
        agentCreator: 2_000,
        adapterCreators: 1_000,
        stakers: 2_000,
        treasury: 1_000,
      },
      settler: address(SETTLER),
      contributorsFunded: OPEN(40n),
      contributorsClaimed: 0n,
      receiptsRoot: keccak256(toHex('receipts of epoch 1')),
    })
    const withoutEpoch = await getSettlementState(connection(), contracts())
    expect(withoutEpoch).not.toHaveProperty('receiptsRoot')
    expect(withoutEpoch.lastEpoch).toBe(1n)
  })

  it('refuses a settlement from anyone but the settler, and epochs out of order', async () => {
    const agentId = await activeAgent()
    await depositFees(connection(), contracts(), { account: account(PAYER), amount: OPEN(200n) })
    const byPayer = settleEpoch(connection(), contracts(), {
      ...epochOf(1n, agentId),
      account: account(PAYER),
    })
    await expect(byPayer).rejects.toThrow(UnauthorizedSettlerError)
    await expect(byPayer).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnauthorizedSettlerError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 is not the fee settler.]`,
    )

    const settler = account(SETTLER)
    await settleEpoch(connection(), contracts(), { ...epochOf(1n, agentId), account: settler })
    const sent: Hex[] = []
    const skipping = settleEpoch(connection(), contracts(), {
      ...epochOf(3n, agentId),
      account: settler,
      onSent: (hash) => {
        sent.push(hash)
      },
    })
    await expect(skipping).rejects.toThrow(EpochOutOfOrderError)
    await expect(skipping).rejects.toMatchObject({ expected: 2n, got: 3n })
    await expect(skipping).rejects.toThrowErrorMatchingInlineSnapshot(
      `[EpochOutOfOrderError: Epoch 3 cannot be settled: the next epoch to settle is 2.]`,
    )
    // Refused in the simulation: nothing was sent.
    expect(sent).toEqual([])
  })

  it('refuses unbalanced settlements and charges above a balance', async () => {
    const agentId = await activeAgent()
    await depositFees(connection(), contracts(), { account: account(PAYER), amount: OPEN(100n) })
    const settler = account(SETTLER)
    const epoch = { ...epochOf(1n, agentId), account: settler }
    const refusal = (parameters: Partial<SettleEpochCall>) =>
      settleEpoch(connection(), contracts(), { ...epoch, ...parameters })

    const charges = refusal({ agents: [{ agentId, fees: OPEN(90n) }] })
    await expect(charges).rejects.toThrow(UnbalancedSettlementError)
    await expect(charges).rejects.toMatchObject({
      detail: { reason: 'chargesMismatch', charged: OPEN(100n), agentFees: OPEN(90n) },
    })
    await expect(charges).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnbalancedSettlementError: Unbalanced settlement: the charges total 100000000000000000000 wei but the agents' fees total 90000000000000000000 wei.]`,
    )
    await expect(
      refusal({ adapterCreators: [{ creator: address(ADAPTER_CREATOR), amount: OPEN(5n) }] }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnbalancedSettlementError: Unbalanced settlement: the adapter creators are paid 5000000000000000000 wei but their pool is 10000000000000000000 wei.]`,
    )
    await expect(refusal({ contributorsPaid: OPEN(41n) })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnbalancedSettlementError: Unbalanced settlement: contributorsPaid is 41000000000000000000 wei, more than the contributors' pool of 40000000000000000000 wei.]`,
    )
    await expect(refusal({ receiptsRoot: zeroHash })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnbalancedSettlementError: Unbalanced settlement: the receipts root is zero.]`,
    )

    const overdrawn = refusal({
      charges: [{ payer: address(PAYER), amount: OPEN(150n) }],
      agents: [{ agentId, fees: OPEN(150n) }],
      adapterCreators: [{ creator: address(ADAPTER_CREATOR), amount: OPEN(15n) }],
    })
    await expect(overdrawn).rejects.toThrow(InsufficientBalanceError)
    await expect(overdrawn).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InsufficientBalanceError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 has 100000000000000000000 wei of prepaid fees, less than the 150000000000000000000 wei needed.]`,
    )
  })
})

describe('contributor rewards', () => {
  it('pays a claim with a real proof exactly once; refuses a bad proof and an underfunded root', async () => {
    const agentId = await activeAgent()
    await depositFees(connection(), contracts(), { account: account(PAYER), amount: OPEN(100n) })
    const { root, proofOf } = payouts()
    // The root promises 50 OPEN but the settlement funds 40: the last claim cannot be paid.
    await settleEpoch(connection(), contracts(), { ...epochOf(1n, agentId, root), account: account(SETTLER) })

    const first = account(OTHER)
    const before = await tokenBalanceOf(first.address)
    const claimed = await claimContributorReward(connection(), contracts(), {
      account: first,
      cumulative: OPEN(25n),
      proof: proofOf(first.address, OPEN(25n)),
    })
    expect(claimed.amount).toBe(OPEN(25n))
    expect(await tokenBalanceOf(first.address)).toBe(before + OPEN(25n))

    const again = claimContributorReward(connection(), contracts(), {
      account: first,
      cumulative: OPEN(25n),
      proof: proofOf(first.address, OPEN(25n)),
    })
    await expect(again).rejects.toThrow(NothingToClaimError)
    await expect(again).rejects.toThrowErrorMatchingInlineSnapshot(
      `[NothingToClaimError: 0x976EA74026E726554dB657fA54763abd0C3a0aa9 has nothing left to claim.]`,
    )

    // PAYER claims for contributor B; the OPEN goes to B.
    const forB = await claimContributorReward(connection(), contracts(), {
      account: account(PAYER),
      beneficiary: CONTRIBUTOR_B,
      cumulative: OPEN(15n),
      proof: proofOf(CONTRIBUTOR_B, OPEN(15n)),
    })
    expect(forB.amount).toBe(OPEN(15n))
    expect(await tokenBalanceOf(CONTRIBUTOR_B)).toBe(OPEN(15n))

    const inflated = claimContributorReward(connection(), contracts(), {
      account: account(PAYER),
      beneficiary: CONTRIBUTOR_C,
      cumulative: OPEN(10n) + 1n,
      proof: proofOf(CONTRIBUTOR_C, OPEN(10n)),
    })
    await expect(inflated).rejects.toThrow(InvalidProofError)
    await expect(inflated).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidProofError: The proof for 0x363Deb9C7e9462745540bD26f10B4Dd30D9cFCb5 (cumulative 10000000000000000001 wei) does not match the payouts root.]`,
    )

    const underfunded = claimContributorReward(connection(), contracts(), {
      account: account(PAYER),
      beneficiary: CONTRIBUTOR_C,
      cumulative: OPEN(10n),
      proof: proofOf(CONTRIBUTOR_C, OPEN(10n)),
    })
    await expect(underfunded).rejects.toThrow(UnderfundedError)
    await expect(underfunded).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnderfundedError: The FeeRouter holds 0 wei of unclaimed contributor funds, less than the 10000000000000000000 wei claimed.]`,
    )
    expect(await getSettlementState(connection(), contracts())).toMatchObject({
      contributorsFunded: OPEN(40n),
      contributorsClaimed: OPEN(40n),
    })
  })
})
