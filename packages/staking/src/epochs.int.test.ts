import { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
import { useDeployedDevnet } from '@openledger/chain/testing'
import { openStore } from '@openledger/store'
import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  BondLockedError,
  BondTooLowError,
  ChargesMismatchError,
  ChargesNotSortedError,
  DisputeWindowClosedError,
  DisputeWindowOpenError,
  depositSettlerBond,
  EpochOutOfOrderError,
  EpochPendingError,
  feeYield,
  finalizeEpoch,
  getFeeBalance,
  getPosition,
  getSettlementState,
  getSettlerBond,
  InsufficientBalanceError,
  NotPendingError,
  NotRefundableError,
  type PostEpochCall,
  postEpoch,
  proposeEpochVeto,
  RoutingMismatchError,
  refundCharges,
  UnauthorizedError,
  UnbalancedSettlementError,
  withdrawSettlerBond,
  ZeroAmountError,
} from './index.js'
import {
  epochCall,
  MIN_SETTLER_BOND,
  OPEN,
  passDisputeWindow,
  setUpStakedAgent,
  transferOpen,
} from './testing/feeRouterFixture.js'

/** Dev accounts: 0–2 own the treasury Safe; 3–6 hold genesis OPEN (3 funds the others); 9 settles fees. */
const [FUNDER, PAYER, ADAPTER_CREATOR, OTHER, CREATOR, STAKER, SETTLER] = [3, 4, 5, 6, 7, 8, 9] as const
const SPLITS = {
  contributors: 4_000,
  agentCreator: 2_000,
  adapterCreators: 1_000,
  stakers: 2_000,
  treasury: 1_000,
}

let agentId: bigint
const devnet = useDeployedDevnet(async (d) => {
  agentId = await setUpStakedAgent(d, {
    funder: FUNDER,
    creator: CREATOR,
    staker: STAKER,
    settler: SETTLER,
    payers: [PAYER, OTHER],
  })
})
const contracts = () => devnet.env.manifest.contracts
const connection = () => devnet.env.connection
const { account, address } = devnet
const tokenBalanceOf = (owner: Hex) => devnet.tokenAs(FUNDER).read.balanceOf([owner])
const epoch = (n: bigint, overrides: Partial<PostEpochCall> = {}) =>
  epochCall(n, { agentId, payer: address(PAYER), adapterCreator: address(ADAPTER_CREATOR), ...overrides })
const post = (call: PostEpochCall, as: number = SETTLER) =>
  postEpoch(connection(), contracts(), { ...call, account: account(as) })
const finalize = (call: PostEpochCall, as: number = OTHER) =>
  finalizeEpoch(connection(), contracts(), { ...call, account: account(as) })

/** Proposes the veto as owner 0, signs as owner 1, executes as owner 0. */
async function vetoThroughSafe(epochNumber: bigint, slash: bigint) {
  const store = await openStore({ databaseUrl: ':memory:' })
  try {
    const infrastructure = devnet.env.manifest.safe
    const key = (i: number) => devnet.env.devnet.accounts[i]!.privateKey
    const { safeTxHash } = await proposeEpochVeto(connection(), store, {
      infrastructure,
      safeAddress: devnet.env.manifest.treasurySafe.address,
      contracts: contracts(),
      proposerKey: key(0),
      epoch: epochNumber,
      slash,
    })
    await signSafeTransaction(connection(), store, { infrastructure, safeTxHash, signerKey: key(1) })
    return await executeSafeTransaction(connection(), store, {
      infrastructure,
      safeTxHash,
      executorKey: key(0),
    })
  } finally {
    await store.close()
  }
}

describe('settler bond', () => {
  it('deposits, withdraws, and refuses withdrawing while the settler has an epoch pending', async () => {
    const settler = account(SETTLER)
    expect(await getSettlerBond(connection(), contracts(), { settler: settler.address })).toBe(
      MIN_SETTLER_BOND,
    )
    await transferOpen(devnet, FUNDER, settler.address, OPEN(500n))
    const deposited = await depositSettlerBond(connection(), contracts(), {
      account: settler,
      amount: OPEN(500n),
    })
    expect(deposited.approvalHash).toBeDefined()
    expect(deposited.bond).toBe(OPEN(1_500n))
    await expect(
      depositSettlerBond(connection(), contracts(), { account: settler, amount: 0n }),
    ).rejects.toThrow(ZeroAmountError)

    await post(epoch(1n))
    const locked = withdrawSettlerBond(connection(), contracts(), { account: settler, amount: OPEN(1n) })
    await expect(locked).rejects.toThrow(BondLockedError)
    await expect(locked).rejects.toMatchObject({ settler: settler.address, pendingEpoch: 1n })
    await expect(locked).rejects.toThrowErrorMatchingInlineSnapshot(
      `[BondLockedError: 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720's bond is locked while its epoch 1 is pending.]`,
    )

    await passDisputeWindow(devnet)
    await finalize(epoch(1n))
    const before = await tokenBalanceOf(settler.address)
    const { bond } = await withdrawSettlerBond(connection(), contracts(), {
      account: settler,
      amount: OPEN(600n),
    })
    expect(bond).toBe(OPEN(900n))
    expect(await tokenBalanceOf(settler.address)).toBe(before + OPEN(600n))
    const aboveBond = withdrawSettlerBond(connection(), contracts(), { account: settler, amount: OPEN(901n) })
    await expect(aboveBond).rejects.toThrow(InsufficientBalanceError)
    await expect(aboveBond).rejects.toMatchObject({ of: 'settler bond', balance: OPEN(900n) })

    const tooLow = post(epoch(2n))
    await expect(tooLow).rejects.toThrow(BondTooLowError)
    await expect(tooLow).rejects.toMatchObject({ bond: OPEN(900n), minimum: MIN_SETTLER_BOND })
    await expect(tooLow).rejects.toThrowErrorMatchingInlineSnapshot(
      `[BondTooLowError: 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720's settler bond is 900000000000000000000 wei, below the minimum of 1000000000000000000000 wei.]`,
    )
  })
})

describe('posting', () => {
  it('posts an epoch into escrow, calling onSent first; nothing is paid while it is pending', async () => {
    const creatorBefore = await tokenBalanceOf(address(CREATOR))
    const sent: Hex[] = []
    const { hash, receipt } = await postEpoch(connection(), contracts(), {
      ...epoch(1n),
      account: account(SETTLER),
      onSent: (h) => {
        sent.push(h)
      },
    })
    expect(sent).toEqual([hash])
    const postedAt = (await connection().publicClient.getBlock({ blockNumber: receipt.blockNumber }))
      .timestamp
    expect((await getFeeBalance(connection(), contracts(), { account: address(PAYER) })).balance).toBe(
      OPEN(200n),
    )
    expect(await tokenBalanceOf(address(CREATOR))).toBe(creatorBefore)

    expect(await getSettlementState(connection(), contracts(), { epoch: 1n })).toEqual({
      lastEpoch: 1n,
      pending: {
        epoch: 1n,
        settler: address(SETTLER),
        postedAt,
        finalizesAt: postedAt + 10n,
        splits: SPLITS,
        charged: OPEN(100n),
        contributorsPaid: OPEN(40n),
      },
      splits: SPLITS,
      disputeWindow: 10n,
      minSettlerBond: MIN_SETTLER_BOND,
      record: {
        receiptsRoot: epoch(1n).receiptsRoot,
        payoutsRoot: epoch(1n).payoutsRoot,
        contributorsFunded: 0n,
        contributorsClaimed: 0n,
        status: 'pending',
      },
    })
    expect(await getSettlementState(connection(), contracts())).not.toHaveProperty('record')
  })

  it('refuses a post from a non-settler, while an epoch is pending, out of order or unsorted', async () => {
    const byPayer = post(epoch(1n), PAYER)
    await expect(byPayer).rejects.toThrow(UnauthorizedError)
    await expect(byPayer).rejects.toMatchObject({ caller: address(PAYER), role: 'SETTLER_ROLE' })
    await expect(byPayer).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnauthorizedError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 is not a settler; the treasury Safe appoints settlers.]`,
    )

    const sent: Hex[] = []
    const skipping = postEpoch(connection(), contracts(), {
      ...epoch(3n),
      account: account(SETTLER),
      onSent: (h) => {
        sent.push(h)
      },
    })
    await expect(skipping).rejects.toThrow(EpochOutOfOrderError)
    await expect(skipping).rejects.toThrowErrorMatchingInlineSnapshot(
      `[EpochOutOfOrderError: Epoch 3 cannot be posted: the next epoch to post is 1.]`,
    )
    // Refused in the simulation: nothing was sent.
    expect(sent).toEqual([])

    const [payer, other] = [address(PAYER), address(OTHER)]
    const unsorted = post(
      epoch(1n, {
        charges: [
          { payer: other, amount: OPEN(50n) },
          { payer, amount: OPEN(50n) },
        ],
      }),
    )
    await expect(unsorted).rejects.toThrow(ChargesNotSortedError)
    await expect(unsorted).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ChargesNotSortedError: Charge 1 is out of order: charges must be sorted by payer, each payer once.]`,
    )

    await post(epoch(1n))
    const second = post(epoch(2n))
    await expect(second).rejects.toThrow(EpochPendingError)
    await expect(second).rejects.toThrowErrorMatchingInlineSnapshot(
      `[EpochPendingError: Epoch 1 is pending: finalise or veto it before posting another.]`,
    )
  })

  it('refuses unbalanced epochs', async () => {
    const charges = post(epoch(1n, { agents: [{ agentId, fees: OPEN(90n) }] }))
    await expect(charges).rejects.toThrow(UnbalancedSettlementError)
    await expect(charges).rejects.toMatchObject({
      detail: { reason: 'chargesMismatch', charged: OPEN(100n), agentFees: OPEN(90n) },
    })
    await expect(
      post(epoch(1n, { adapterCreators: [{ creator: address(ADAPTER_CREATOR), amount: OPEN(5n) }] })),
    ).rejects.toMatchObject({ detail: { reason: 'adapterFeesMismatch' } })
    await expect(post(epoch(1n, { contributorsPaid: OPEN(41n) }))).rejects.toMatchObject({
      detail: { reason: 'contributorsOverpaid' },
    })
  })
})

describe('finalising', () => {
  it('finalises after the window with the posted routing, paying every party', async () => {
    const call = epoch(1n)
    await post(call)
    const early = finalize(call)
    await expect(early).rejects.toThrow(DisputeWindowOpenError)
    await expect(early).rejects.toMatchObject({ epoch: 1n })
    await passDisputeWindow(devnet)
    const rerouted = finalize({ ...call, adapterCreators: [{ creator: address(OTHER), amount: OPEN(10n) }] })
    await expect(rerouted).rejects.toThrow(RoutingMismatchError)
    await expect(rerouted).rejects.toThrowErrorMatchingInlineSnapshot(
      `[RoutingMismatchError: These agents and adapter creators are not those epoch 1 was posted with.]`,
    )

    const before = {
      creator: await tokenBalanceOf(address(CREATOR)),
      adapterCreator: await tokenBalanceOf(address(ADAPTER_CREATOR)),
    }
    await finalize(call)
    expect(await tokenBalanceOf(address(CREATOR))).toBe(before.creator + OPEN(20n))
    expect(await tokenBalanceOf(address(ADAPTER_CREATOR))).toBe(before.adapterCreator + OPEN(10n))
    // Stakers' 20 OPEN: all 1,000 OPEN of stake arrived during this reward round, so the treasury takes them;
    // the stake earns from the next epoch on.
    expect(await getPosition(connection(), contracts(), { agentId, staker: address(STAKER) })).toMatchObject({
      pendingReward: 0n,
      warming: 0n,
    })
    const state = await getSettlementState(connection(), contracts(), { epoch: 1n })
    expect(state.pending).toBeUndefined()
    expect(state.record).toMatchObject({ status: 'final', contributorsFunded: OPEN(40n) })
    expect(
      await feeYield(connection(), contracts(), {
        agentId,
        fromBlock: BigInt(devnet.env.manifest.blockNumber),
      }),
    ).toMatchObject({ epochs: [1n], rewards: 0n, yieldBps: 0n })

    const again = finalize(call)
    await expect(again).rejects.toThrow(NotPendingError)
    await expect(again).rejects.toThrowErrorMatchingInlineSnapshot(
      `[NotPendingError: Epoch 1 is not the pending epoch.]`,
    )
  })
})

describe('veto and refund', () => {
  it('vetoes a pending epoch through the Safe, slashes the bond and refunds the charges once', async () => {
    const call = epoch(1n)
    await post(call)
    const treasury = devnet.env.manifest.treasurySafe.address
    const treasuryBefore = await tokenBalanceOf(treasury)
    await vetoThroughSafe(1n, OPEN(400n))
    expect(await getSettlerBond(connection(), contracts(), { settler: address(SETTLER) })).toBe(OPEN(600n))
    expect(await tokenBalanceOf(treasury)).toBe(treasuryBefore + OPEN(400n))
    const state = await getSettlementState(connection(), contracts(), { epoch: 1n })
    expect(state.pending).toBeUndefined()
    expect(state.record?.status).toBe('vetoed')

    const mismatched = refundCharges(connection(), contracts(), {
      account: account(OTHER),
      epoch: 1n,
      charges: [{ payer: address(PAYER), amount: OPEN(101n) }],
    })
    await expect(mismatched).rejects.toThrow(ChargesMismatchError)
    await expect(mismatched).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ChargesMismatchError: These charges are not those epoch 1 was posted with.]`,
    )
    await refundCharges(connection(), contracts(), { account: account(OTHER), ...call })
    expect((await getFeeBalance(connection(), contracts(), { account: address(PAYER) })).balance).toBe(
      OPEN(300n),
    )
    expect((await getSettlementState(connection(), contracts(), { epoch: 1n })).record?.status).toBe(
      'refunded',
    )
    const twice = refundCharges(connection(), contracts(), { account: account(OTHER), ...call })
    await expect(twice).rejects.toThrow(NotRefundableError)
    await expect(twice).rejects.toThrowErrorMatchingInlineSnapshot(
      `[NotRefundableError: Epoch 1 has no charges to refund: it was not vetoed, or was refunded already.]`,
    )
  })

  it('refuses proposing a veto of an epoch not pending, or after its window', async () => {
    await expect(vetoThroughSafe(1n, 0n)).rejects.toThrow(NotPendingError)
    await post(epoch(1n))
    await passDisputeWindow(devnet)
    const late = vetoThroughSafe(1n, 0n)
    await expect(late).rejects.toThrow(DisputeWindowClosedError)
    await expect(late).rejects.toMatchObject({ epoch: 1n })
  })
})
