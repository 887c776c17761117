import { useDeployedDevnet } from '@openledger/chain/testing'
import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  authorizeCharges,
  ChargeAboveCapError,
  ChargeNotAuthorizedError,
  depositFees,
  finalizeEpoch,
  getChargeCap,
  getFeeBalance,
  InsufficientBalanceError,
  InvalidPeriodError,
  postEpoch,
  registerAgent,
  requestFeeWithdrawal,
  stake,
  WithdrawalLockedError,
  withdrawFees,
  ZeroAmountError,
} from './index.js'
import {
  bondSettler,
  DAY,
  epochCall,
  OPEN,
  passDisputeWindow,
  transferOpen,
} from './testing/feeRouterFixture.js'

/** Dev accounts: 3–6 hold genesis OPEN (3 funds the others); 7 creates the agent; 9 settles fees. */
const [FUNDER, PAYER, ADAPTER_CREATOR, OTHER, CREATOR, STAKER, SETTLER] = [3, 4, 5, 6, 7, 8, 9] as const
/** A fixed time for the withdrawal request, so error messages with its unlock time snapshot exactly. */
const REQUESTED_AT = 4_000_000_000n

const devnet = useDeployedDevnet(async (d) => {
  for (const i of [CREATOR, STAKER]) await transferOpen(d, FUNDER, d.address(i), OPEN(2_000n))
  await bondSettler(d, SETTLER, FUNDER)
})
const contracts = () => devnet.env.manifest.contracts
const connection = () => devnet.env.connection
const { account, address } = devnet
const tokenBalanceOf = (owner: Address) => devnet.tokenAs(FUNDER).read.balanceOf([owner])

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

/** Posts an epoch charging PAYER `amount` OPEN wei, as the settler. */
async function charge(epoch: bigint, agentId: bigint, amount: bigint) {
  return postEpoch(connection(), contracts(), {
    ...epochCall(epoch, { agentId, payer: address(PAYER), adapterCreator: address(ADAPTER_CREATOR) }),
    account: account(SETTLER),
    charges: [{ payer: address(PAYER), amount }],
    agents: [{ agentId, fees: amount }],
    adapterCreators: [{ creator: address(ADAPTER_CREATOR), amount: amount / 10n }],
    contributorsPaid: 0n,
  })
}

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

    await devnet.testClient.setNextBlockTimestamp({ timestamp: REQUESTED_AT })
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

    await devnet.testClient.increaseTime({ seconds: Number(DAY) })
    await devnet.testClient.mine({ blocks: 1 })
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

    // An epoch charges 60 of the 100 requested meanwhile: withdrawing the request takes more than is left.
    await requestFeeWithdrawal(connection(), contracts(), { account: payer, amount: OPEN(100n) })
    await authorizeCharges(connection(), contracts(), { account: payer, perPeriod: OPEN(100n), period: DAY })
    await charge(1n, await activeAgent(), OPEN(60n))
    expect(await getFeeBalance(connection(), contracts(), { account: payer.address })).toMatchObject({
      balance: OPEN(40n),
      pendingWithdrawal: OPEN(100n),
      spendable: 0n,
    })
    await devnet.testClient.increaseTime({ seconds: Number(DAY) })
    await devnet.testClient.mine({ blocks: 1 })
    const drained = withdrawFees(connection(), contracts(), { account: payer, amount: OPEN(100n) })
    await expect(drained).rejects.toMatchObject({
      name: 'InsufficientBalanceError',
      balance: OPEN(40n),
      needed: OPEN(100n),
    })
  })
})

describe('charge caps', () => {
  it('charges nothing without an authorisation', async () => {
    const agentId = await activeAgent()
    await depositFees(connection(), contracts(), { account: account(PAYER), amount: OPEN(100n) })
    expect(await getChargeCap(connection(), contracts(), { payer: address(PAYER) })).toEqual({
      perPeriod: 0n,
      period: 0n,
      spent: 0n,
      periodStart: 0n,
      chargeable: 0n,
    })
    const unauthorised = charge(1n, agentId, OPEN(10n))
    await expect(unauthorised).rejects.toThrow(ChargeNotAuthorizedError)
    await expect(unauthorised).rejects.toMatchObject({ payer: address(PAYER) })
    await expect(unauthorised).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ChargeNotAuthorizedError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 has not authorised charges; it must call authorizeCharges before it can be charged.]`,
    )
  })

  it('charges within the cap per period, refuses above it, and starts afresh the next period', async () => {
    const agentId = await activeAgent()
    const payer = account(PAYER)
    await depositFees(connection(), contracts(), { account: payer, amount: OPEN(200n) })
    await authorizeCharges(connection(), contracts(), { account: payer, perPeriod: OPEN(150n), period: DAY })
    expect(await getChargeCap(connection(), contracts(), { payer: payer.address })).toEqual({
      perPeriod: OPEN(150n),
      period: DAY,
      spent: 0n,
      periodStart: 0n,
      chargeable: OPEN(150n),
    })

    const { receipt } = await charge(1n, agentId, OPEN(100n))
    const chargedAt = (await connection().publicClient.getBlock({ blockNumber: receipt.blockNumber }))
      .timestamp
    expect(await getChargeCap(connection(), contracts(), { payer: payer.address })).toEqual({
      perPeriod: OPEN(150n),
      period: DAY,
      spent: OPEN(100n),
      periodStart: chargedAt,
      chargeable: OPEN(50n),
    })
    await passDisputeWindow(devnet)
    const { agents, adapterCreators } = epochCall(1n, {
      agentId,
      payer: payer.address,
      adapterCreator: address(ADAPTER_CREATOR),
    })
    await finalizeEpoch(connection(), contracts(), { account: payer, epoch: 1n, agents, adapterCreators })

    const above = charge(2n, agentId, OPEN(60n))
    await expect(above).rejects.toThrow(ChargeAboveCapError)
    await expect(above).rejects.toMatchObject({
      payer: payer.address,
      available: OPEN(50n),
      amount: OPEN(60n),
    })
    await expect(above).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ChargeAboveCapError: 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65's charge cap leaves 50000000000000000000 wei this period, less than the 60000000000000000000 wei charged.]`,
    )

    // The next period: the cap is whole again, the balance (100 left) bounds what can be charged.
    await devnet.testClient.increaseTime({ seconds: Number(DAY) })
    await devnet.testClient.mine({ blocks: 1 })
    expect(await getChargeCap(connection(), contracts(), { payer: payer.address })).toMatchObject({
      chargeable: OPEN(100n),
    })
    await charge(2n, agentId, OPEN(60n))
    expect((await getFeeBalance(connection(), contracts(), { account: payer.address })).balance).toBe(
      OPEN(40n),
    )
  })

  it('withdraws an authorisation with a cap of zero, and refuses a period out of range', async () => {
    const payer = account(PAYER)
    await depositFees(connection(), contracts(), { account: payer, amount: OPEN(10n) })
    await authorizeCharges(connection(), contracts(), { account: payer, perPeriod: OPEN(5n), period: DAY })
    expect((await getChargeCap(connection(), contracts(), { payer: payer.address })).chargeable).toBe(
      OPEN(5n),
    )
    await authorizeCharges(connection(), contracts(), { account: payer, perPeriod: 0n, period: 0n })
    expect((await getChargeCap(connection(), contracts(), { payer: payer.address })).chargeable).toBe(0n)

    const never = authorizeCharges(connection(), contracts(), {
      account: payer,
      perPeriod: OPEN(5n),
      period: 0n,
    })
    await expect(never).rejects.toThrow(InvalidPeriodError)
    await expect(never).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidPeriodError: A period of 0 seconds is not allowed: it must be 1 second to 365 days.]`,
    )
    await expect(
      authorizeCharges(connection(), contracts(), {
        account: payer,
        perPeriod: OPEN(5n),
        period: 366n * DAY,
      }),
    ).rejects.toMatchObject({ name: 'InvalidPeriodError', period: 366n * DAY })
  })
})
