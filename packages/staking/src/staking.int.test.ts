import { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { openTokenAbi } from '@openledger/contracts'
import { openStore, type Store } from '@openledger/store'
import { createTestClient, custom, type Hex, keccak256, parseEther, toHex, zeroHash } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  authorizeCharges,
  ChallengeOpenError,
  challengeAgent,
  claimRewards,
  depositFees,
  depositSettlerBond,
  EvidenceUsedError,
  feeYield,
  finalizeEpoch,
  getAgentStake,
  getPosition,
  getSettlementState,
  InsufficientStakeError,
  InvalidPeriodError,
  InvalidSplitsError,
  isAgentActive,
  isSettler,
  NothingToWithdrawError,
  type ProposeAdminParameters,
  postEpoch,
  proposeAppointSettler,
  proposeRemoveSettler,
  proposeResolveChallenge,
  proposeSetDisputeWindow,
  proposeSetMinSettlerBond,
  proposeSetSplits,
  proposeSetStakingParams,
  registerAgent,
  requestUnstake,
  StillUnbondingError,
  simulateAdminCall,
  stake,
  UnauthorizedError,
  UnknownAgentError,
  withdraw,
  ZeroAmountError,
} from './index.js'

const OPEN = (whole: bigint) => parseEther(String(whole))
/** Dev accounts: 0–2 own the treasury Safe; 3–6 hold genesis shares (3 funds the others); 9 settles fees. */
const [FUNDER, PAYER, CHALLENGER, CREATOR, STAKER, SETTLER] = [3, 4, 5, 7, 8, 9] as const
const WEEK = 7n * 24n * 3600n

let env: DeployedDevnet
let testClient: ReturnType<typeof createTestClient>
let snapshot: Hex
let store: Store
const account = (i: number) => privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
const key = (i: number) => env.devnet.accounts[i]!.privateKey
const contracts = () => env.manifest.contracts
const connection = () => env.connection
const balanceOf = (i: number) =>
  env.connection.publicClient.readContract({
    address: contracts().OpenToken,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [account(i).address],
  })

async function send(i: number, request: { address: Hex; abi: never; functionName: string; args: unknown[] }) {
  const hash = await env.connection.walletClient(account(i)).writeContract(request as never)
  const receipt = await env.connection.publicClient.waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
}

const safe = (): Omit<ProposeAdminParameters, 'proposerKey'> => ({
  infrastructure: env.manifest.safe,
  safeAddress: env.manifest.treasurySafe.address,
  contracts: contracts(),
})

/** Owner 1 signs what owner 0 proposed; owner 0 executes. */
async function signAndExecute(safeTxHash: Hex) {
  const infrastructure = env.manifest.safe
  await signSafeTransaction(connection(), store, { infrastructure, safeTxHash, signerKey: key(1) })
  return executeSafeTransaction(connection(), store, { infrastructure, safeTxHash, executorKey: key(0) })
}

async function newAgent() {
  const { agentId } = await registerAgent(connection(), contracts(), {
    account: account(CREATOR),
    metadataURI: 'ipfs://agent',
    adapterHashes: [keccak256(toHex('adapter'))],
    feePerCall: OPEN(1n),
  })
  return agentId
}

/** An agent at its devnet minimums: 100 OPEN from its creator, 900 from STAKER. */
async function activeAgent() {
  const agentId = await newAgent()
  await stake(connection(), contracts(), { account: account(CREATOR), agentId, amount: OPEN(100n) })
  await stake(connection(), contracts(), { account: account(STAKER), agentId, amount: OPEN(900n) })
  return agentId
}

beforeAll(async () => {
  env = await deployedDevnet()
  testClient = createTestClient({
    mode: 'hardhat',
    transport: custom(env.devnet),
    chain: env.connection.chain,
  })
  for (const i of [CREATOR, STAKER])
    await send(FUNDER, {
      address: contracts().OpenToken,
      abi: openTokenAbi as never,
      functionName: 'transfer',
      args: [account(i).address, OPEN(2_000n)],
    })
})
afterAll(() => env?.cleanup())
beforeEach(async () => {
  snapshot = await testClient.snapshot()
  // A fresh store per test: Safe nonces come from the chain, which the snapshots rewind.
  store = await openStore({ databaseUrl: ':memory:' })
})
afterEach(async () => {
  await store.close()
  await testClient.revert({ id: snapshot })
})

describe('staking', () => {
  it('stakes, flips isAgentActive at the minimums, unbonds and withdraws', async () => {
    const agentId = await newAgent()
    expect(agentId).toBe(1n)
    const first = await stake(connection(), contracts(), {
      account: account(CREATOR),
      agentId,
      amount: OPEN(100n),
    })
    expect(first.approvalHash).toBeDefined()
    expect(first.position).toEqual({
      active: OPEN(100n),
      unbonding: 0n,
      unbondingEnds: 0n,
      pendingReward: 0n,
      warming: OPEN(100n),
    })
    await stake(connection(), contracts(), { account: account(STAKER), agentId, amount: OPEN(899n) })
    expect(await isAgentActive(connection(), contracts(), { agentId })).toBe(false)

    await stake(connection(), contracts(), { account: account(STAKER), agentId, amount: OPEN(1n) })
    expect(await isAgentActive(connection(), contracts(), { agentId })).toBe(true)
    expect(await getAgentStake(connection(), contracts(), { agentId })).toEqual({
      agentId,
      creator: account(CREATOR).address,
      active: OPEN(1_000n),
      unbonding: 0n,
      creatorStake: OPEN(100n),
      jailed: false,
      paused: false,
      openChallenges: 0,
      frozenUntil: 0n,
      isActive: true,
      minAgentStake: OPEN(1_000n),
      minCreatorStake: OPEN(100n),
    })

    const { position, receipt } = await requestUnstake(connection(), contracts(), {
      account: account(STAKER),
      agentId,
      amount: OPEN(300n),
    })
    const requestedAt = (await env.connection.publicClient.getBlock({ blockNumber: receipt.blockNumber }))
      .timestamp
    expect(position).toEqual({
      active: OPEN(600n),
      unbonding: OPEN(300n),
      unbondingEnds: requestedAt + WEEK,
      pendingReward: 0n,
      warming: OPEN(600n),
    })
    expect(await isAgentActive(connection(), contracts(), { agentId })).toBe(false)

    const early = withdraw(connection(), contracts(), { account: account(STAKER), agentId })
    await expect(early).rejects.toThrow(StillUnbondingError)
    await expect(early).rejects.toMatchObject({
      name: 'StillUnbondingError',
      unbondingEnds: new Date(Number(requestedAt + WEEK) * 1000),
    })

    await testClient.increaseTime({ seconds: Number(WEEK) })
    await testClient.mine({ blocks: 1 })
    const before = await balanceOf(STAKER)
    const { amount } = await withdraw(connection(), contracts(), { account: account(STAKER), agentId })
    expect(amount).toBe(OPEN(300n))
    expect(await balanceOf(STAKER)).toBe(before + OPEN(300n))
    expect(
      await getPosition(connection(), contracts(), { agentId, staker: account(STAKER).address }),
    ).toEqual({
      active: OPEN(600n),
      unbonding: 0n,
      unbondingEnds: requestedAt + WEEK,
      pendingReward: 0n,
      warming: OPEN(600n),
    })
  })

  it('challenges and resolves through the Safe: stakers slashed 20%, agent jailed and inactive', async () => {
    const agentId = await activeAgent()
    const evidenceHash = keccak256(toHex('transcript'))
    const { challengeId, bond, expiresAt } = await challengeAgent(connection(), contracts(), {
      account: account(CHALLENGER),
      agentId,
      evidenceHash,
    })
    expect([challengeId, bond]).toEqual([1n, OPEN(100n)])
    expect(await getAgentStake(connection(), contracts(), { agentId })).toMatchObject({
      openChallenges: 1,
      frozenUntil: expiresAt,
    })
    // The same evidence, from anyone, opens no second challenge; new stake waits for the challenge.
    await expect(
      challengeAgent(connection(), contracts(), { account: account(STAKER), agentId, evidenceHash }),
    ).rejects.toThrow(EvidenceUsedError)
    await expect(
      stake(connection(), contracts(), { account: account(STAKER), agentId, amount: OPEN(1n) }),
    ).rejects.toThrow(ChallengeOpenError)

    const { safeTxHash } = await proposeResolveChallenge(connection(), store, {
      ...safe(),
      proposerKey: key(0),
      challengeId,
      upheld: true,
      slashBps: 2_000,
    })
    await signAndExecute(safeTxHash)

    const positionOf = (i: number) =>
      getPosition(connection(), contracts(), { agentId, staker: account(i).address })
    expect((await positionOf(CREATOR)).active).toBe(OPEN(80n))
    expect((await positionOf(STAKER)).active).toBe(OPEN(720n))
    expect(await isAgentActive(connection(), contracts(), { agentId })).toBe(false)
    expect(await getAgentStake(connection(), contracts(), { agentId })).toMatchObject({
      active: OPEN(800n),
      jailed: true,
      openChallenges: 0,
      isActive: false,
    })
  })

  it('sets the minimums through the Safe', async () => {
    const agentId = await activeAgent()
    const { safeTxHash } = await proposeSetStakingParams(connection(), store, {
      ...safe(),
      proposerKey: key(0),
      params: { minAgentStake: OPEN(2_000n), minCreatorStake: OPEN(200n) },
    })
    await signAndExecute(safeTxHash)
    expect(await getAgentStake(connection(), contracts(), { agentId })).toMatchObject({
      isActive: false,
      minAgentStake: OPEN(2_000n),
      minCreatorStake: OPEN(200n),
    })
  })

  it('reports fee yield from finalised epochs and pays rewards', async () => {
    const agentId = await activeAgent()
    const payer = account(PAYER)
    await depositFees(connection(), contracts(), { account: payer, amount: OPEN(100n) })
    await authorizeCharges(connection(), contracts(), { account: payer, perPeriod: OPEN(100n), period: WEEK })
    await send(FUNDER, {
      address: contracts().OpenToken,
      abi: openTokenAbi as never,
      functionName: 'transfer',
      args: [account(SETTLER).address, OPEN(1_000n)],
    })
    await depositSettlerBond(connection(), contracts(), { account: account(SETTLER), amount: OPEN(1_000n) })
    // 100 OPEN of fees under the default splits: 20 to stakers, 10 to adapter creators; paid on finalising.
    const settle = async (epoch: bigint) => {
      const call = {
        epoch,
        receiptsRoot: keccak256(toHex(`receipts ${epoch}`)),
        payoutsRoot: zeroHash,
        charges: [{ payer: payer.address, amount: OPEN(50n) }],
        agents: [{ agentId, fees: OPEN(50n) }],
        adapterCreators: [{ creator: account(CHALLENGER).address, amount: OPEN(5n) }],
        contributorsPaid: 0n,
      }
      await postEpoch(connection(), contracts(), { ...call, account: account(SETTLER) })
      await testClient.increaseTime({ seconds: 10 })
      await testClient.mine({ blocks: 1 })
      await finalizeEpoch(connection(), contracts(), { ...call, account: payer })
    }
    // Epoch 1 is the reward round the stake arrived in: its stakers' 10 OPEN go to the treasury, not yield.
    await settle(1n)
    await settle(2n)
    const fromBlock = BigInt(env.manifest.blockNumber)
    expect(await feeYield(connection(), contracts(), { agentId, epochs: 3, fromBlock })).toMatchObject({
      epochs: [1n, 2n],
      rewards: OPEN(10n),
      activeStake: OPEN(1_000n),
      yieldBps: 100n,
    })
    expect(await feeYield(connection(), contracts(), { agentId, blocks: 1n })).toMatchObject({
      epochs: [],
      rewards: OPEN(10n),
      yieldBps: 100n,
    })
    const { amount } = await claimRewards(connection(), contracts(), { account: account(CREATOR), agentId })
    expect(amount).toBe(OPEN(1n))
  })
})

describe("FeeRouter's Safe powers", () => {
  const settles = (i: number) => isSettler(connection(), contracts(), { account: account(i).address })

  it('sets the dispute window and the minimum settler bond through the Safe', async () => {
    const proposer = { ...safe(), proposerKey: key(0) }
    await signAndExecute(
      (await proposeSetDisputeWindow(connection(), store, { ...proposer, disputeWindow: 3_600n })).safeTxHash,
    )
    await signAndExecute(
      (await proposeSetMinSettlerBond(connection(), store, { ...proposer, minSettlerBond: OPEN(5_000n) }))
        .safeTxHash,
    )
    expect(await getSettlementState(connection(), contracts())).toMatchObject({
      disputeWindow: 3_600n,
      minSettlerBond: OPEN(5_000n),
    })
    const never = proposeSetDisputeWindow(connection(), store, { ...proposer, disputeWindow: 0n })
    await expect(never).rejects.toThrow(InvalidPeriodError)
  })

  it('appoints and removes settlers through the Safe', async () => {
    expect([await settles(SETTLER), await settles(PAYER)]).toEqual([true, false])
    const proposer = { ...safe(), proposerKey: key(0) }
    const settler = account(PAYER).address
    await signAndExecute(
      (await proposeAppointSettler(connection(), store, { ...proposer, settler })).safeTxHash,
    )
    expect(await settles(PAYER)).toBe(true)
    await signAndExecute(
      (await proposeRemoveSettler(connection(), store, { ...proposer, settler: account(SETTLER).address }))
        .safeTxHash,
    )
    expect(await settles(SETTLER)).toBe(false)
  })

  it('refuses every FeeRouter power to an EOA, naming the role it lacks', async () => {
    const from = account(0).address
    const refusal = (call: Parameters<typeof simulateAdminCall>[2]['call']) =>
      simulateAdminCall(connection(), contracts(), { from, call })
    const parameters = refusal({ type: 'setMinSettlerBond', minSettlerBond: 0n })
    await expect(parameters).rejects.toThrow(UnauthorizedError)
    await expect(parameters).rejects.toMatchObject({ caller: from, role: 'PARAMETERS_ROLE' })
    await expect(parameters).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnauthorizedError: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 lacks PARAMETERS_ROLE (held by the treasury Safe); propose this call through the Safe.]`,
    )
    await expect(refusal({ type: 'setDisputeWindow', disputeWindow: 60n })).rejects.toMatchObject({
      role: 'PARAMETERS_ROLE',
    })
    await expect(refusal({ type: 'vetoEpoch', epoch: 1n, slash: 0n })).rejects.toMatchObject({
      role: 'VETO_ROLE',
    })
    await expect(refusal({ type: 'appointSettler', settler: from })).rejects.toMatchObject({
      role: 'DEFAULT_ADMIN_ROLE',
    })
    await expect(refusal({ type: 'removeSettler', settler: from })).rejects.toMatchObject({
      role: 'DEFAULT_ADMIN_ROLE',
    })
  })
})

describe('typed errors', () => {
  it('maps bad inputs to their errors', async () => {
    const agentId = await activeAgent()
    const staker = account(STAKER)
    await expect(stake(connection(), contracts(), { account: staker, agentId, amount: 0n })).rejects.toThrow(
      ZeroAmountError,
    )
    await expect(
      requestUnstake(connection(), contracts(), { account: staker, agentId, amount: 0n }),
    ).rejects.toThrow(ZeroAmountError)
    await expect(
      stake(connection(), contracts(), { account: staker, agentId: 99n, amount: OPEN(1n) }),
    ).rejects.toThrow(UnknownAgentError)
    await expect(withdraw(connection(), contracts(), { account: staker, agentId })).rejects.toThrow(
      NothingToWithdrawError,
    )

    const tooMuch = requestUnstake(connection(), contracts(), {
      account: staker,
      agentId,
      amount: OPEN(901n),
    })
    await expect(tooMuch).rejects.toThrow(InsufficientStakeError)
    await expect(tooMuch).rejects.toMatchObject({ staked: OPEN(900n), requested: OPEN(901n) })
    await expect(tooMuch).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InsufficientStakeError: 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f has 900000000000000000000 wei of active stake on agent 1, less than the 901000000000000000000 wei requested.]`,
    )
  })

  it('refuses an EOA resolving a challenge, and splits not summing to 10,000', async () => {
    const agentId = await activeAgent()
    const { challengeId } = await challengeAgent(connection(), contracts(), {
      account: account(CHALLENGER),
      agentId,
      evidenceHash: zeroHash,
    })
    const resolve = { type: 'resolveChallenge', challengeId, upheld: true, slashBps: 2_000 } as const
    const byEoa = simulateAdminCall(connection(), contracts(), { from: account(0).address, call: resolve })
    await expect(byEoa).rejects.toThrow(UnauthorizedError)
    await expect(byEoa).rejects.toMatchObject({
      caller: account(0).address,
      role: 'CHALLENGE_RESOLVER_ROLE',
    })
    await expect(byEoa).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnauthorizedError: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 lacks CHALLENGE_RESOLVER_ROLE (held by the treasury Safe); propose this call through the Safe.]`,
    )

    const splits = {
      contributors: 4_000,
      agentCreator: 2_000,
      adapterCreators: 1_000,
      stakers: 2_000,
      treasury: 999,
    }
    const fromSafe = simulateAdminCall(connection(), contracts(), {
      from: env.manifest.treasurySafe.address,
      call: { type: 'setSplits', splits },
    })
    await expect(fromSafe).rejects.toMatchObject({ name: 'InvalidSplitsError', sum: 9_999n })
    await expect(
      proposeSetSplits(connection(), store, { ...safe(), proposerKey: key(0), splits }),
    ).rejects.toThrow(InvalidSplitsError)
  })
})
