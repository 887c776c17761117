import {
  agentRegistryAbi,
  agentStakingAbi,
  feeRouterAbi,
  openTokenAbi,
  WEI_PER_OPEN,
} from '@openledger/contracts'
import {
  type Address,
  createTestClient,
  custom,
  getContract,
  type Hex,
  keccak256,
  parseEther,
  toHex,
  zeroHash,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetProtocolParameters } from '../deploy/protocolParameters.js'
import { type DeployedDevnet, deployedDevnet } from '../testing/deployedDevnet.js'
import { revertOf } from '../testing/revertOf.js'
import { ROLES } from './feeRouterFixture.js'
import { adapterCreatorFees, payoutsTree, receiptsTree, sortCharges } from './feeRouterSettlement.js'

/**
 * Epoch 2 posted, left through its dispute window and finalised on the REAL deployed AgentRegistry,
 * AgentStaking and FeeRouter (no mocks), with the devnet's parameters (the default splits: contributors 40%,
 * agent creator 20%, adapter creators 10%, stakers 20%, treasury 10%; a 10 s window). Expected
 * amounts are computed here independently: every share is ⌊fees × bps / 10000⌋ per agent; stakers' rewards
 * follow AgentStaking's floors: rewardPerShare = ⌊share × 1e27 / activeShares⌋, a position earns
 * ⌊shares × rewardPerShare / 1e27⌋ (shares = staked wei, the pool never being slashed); the wei lost to
 * those floors stay in AgentStaking. Epoch 1, a warm-up of 10 wei of fees per agent, closes the reward round the
 * stake arrived in (its stakers' shares go to the treasury), so the stake earns in epoch 2.
 */
/** The warm-up epoch: payer 1 is charged 10 wei for each agent. */
const WARM_UP_FEE = 10n
const { splits: SPLITS, disputeWindow, minSettlerBond } = devnetProtocolParameters
/** Dev account 9 settles and holds no OPEN: its bond comes from the ecosystem holder, dev account 5. */
const SETTLER = 9
const ECOSYSTEM = 5
const PRECISION = 10n ** 27n
const share = (fees: bigint, bps: number) => (fees * BigInt(bps)) / 10_000n
const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)
const signer = (label: string) => privateKeyToAccount(keccak256(toHex(`FeeRouterDeployed ${label}`)))
type Signer = ReturnType<typeof signer>
const roles = (role: string, count = 3) => Array.from({ length: count }, (_, n) => signer(`${role} ${n + 1}`))
const CREATORS = roles('creator')
const STAKERS = roles('staker')
const PAYERS = roles('payer')
const CONTRIBUTORS = roles('contributor', 2)
const [ADAPTER_X, ADAPTER_Y] = [signer('adapter x').address, signer('adapter y').address]
/** Agent 1: stakers 1 and 2 (uneven, odd wei); agent 2: staker 3; agent 3: nobody. Funders: dev accounts 3–5. */
const STAKES = [
  { staker: 0, agent: 0, amount: parseEther('123.456789012345678901'), funder: 3 },
  { staker: 1, agent: 0, amount: parseEther('876.5') + 7n, funder: 4 },
  { staker: 2, agent: 1, amount: parseEther('500') + 3n, funder: 5 },
] as const
/** Deposits funded by dev account 6, each payer authorising its deposit per day; charges with odd wei so that
 * every floor leaves dust. */
const DEPOSITS = [parseEther('100'), parseEther('50'), parseEther('20')]
const CHARGES = [parseEther('12.345678901234567891'), parseEther('7') + 13n, parseEther('3') + 7n]

describe('FeeRouter on the deployed AgentRegistry and AgentStaking', () => {
  let env: DeployedDevnet
  const dev = (i: number) => privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
  const client = (account: Signer) => ({
    public: env.connection.publicClient,
    wallet: env.connection.walletClient(account),
  })
  const contract =
    <A extends readonly unknown[]>(abi: A, at: () => Address) =>
    (who: Signer) =>
      getContract({ address: at(), abi: abi as A, client: client(who) })
  const token = contract(openTokenAbi, () => env.manifest.contracts.OpenToken)
  const registry = contract(agentRegistryAbi, () => env.manifest.contracts.AgentRegistry)
  const staking = contract(agentStakingAbi, () => env.manifest.contracts.AgentStaking)
  const router = contract(feeRouterAbi, () => env.manifest.contracts.FeeRouter)
  const mined = async (hash: Promise<Hex>) => {
    const receipt = await env.connection.publicClient.waitForTransactionReceipt({ hash: await hash })
    expect(receipt.status).toBe('success')
    return receipt
  }
  const balanceOf = (holder: Address) => token(dev(0)).read.balanceOf([holder])
  const balancesOf = (holders: readonly Address[]) => Promise.all(holders.map(balanceOf))
  const deltas = (before: readonly bigint[], after: readonly bigint[]) => after.map((a, i) => a - before[i]!)

  const total = sum(CHARGES)
  /** Agents' fees: about 47%, 29% and 24% of the charges. */
  const FEES = [(total * 47n) / 100n + 1n, (total * 29n) / 100n + 3n]
  FEES.push(total - FEES[0]! - FEES[1]!)
  const agentIds: bigint[] = []
  const agents = () => agentIds.map((agentId, i) => ({ agentId, fees: FEES[i]! }))
  const creatorShares = FEES.map((f) => share(f, SPLITS.agentCreator))
  const stakerShares = FEES.map((f) => share(f, SPLITS.stakers))
  const adapterPool = sum(FEES.map((f) => share(f, SPLITS.adapterCreators)))
  const contributorPool = sum(FEES.map((f) => share(f, SPLITS.contributors)))
  const earned = new Map<Address, bigint>([
    [CONTRIBUTORS[0]!.address, (contributorPool * 55n) / 100n + 1n],
    [CONTRIBUTORS[1]!.address, (contributorPool * 30n) / 100n],
  ])
  const contributorsPaid = sum([...earned.values()])
  const payouts = payoutsTree(earned)
  const adapters = adapterCreatorFees(adapterPool, ADAPTER_X, ADAPTER_Y)
  /** Per staker: ⌊stake × ⌊agentShare × 1e27 / agentStake⌋ / 1e27⌋. */
  const expectedRewards = STAKES.map(({ agent, amount }) => {
    const agentStake = sum(STAKES.filter((s) => s.agent === agent).map((s) => s.amount))
    return (amount * ((stakerShares[agent]! * PRECISION) / agentStake)) / PRECISION
  })

  let holders: Address[]
  let supplyBefore: bigint[]
  let finalizeDeltas: bigint[]
  const watched = () => [
    ...CREATORS.map((c) => c.address),
    ADAPTER_X,
    ADAPTER_Y,
    env.manifest.treasurySafe.address,
    env.manifest.contracts.AgentStaking,
    env.manifest.contracts.FeeRouter,
  ]

  beforeAll(async () => {
    env = await deployedDevnet()
    const { contracts } = env.manifest
    const { chain } = env.connection
    const test = createTestClient({ mode: 'hardhat', transport: custom(env.devnet), chain })
    const everyone = [...CREATORS, ...STAKERS, ...PAYERS, ...CONTRIBUTORS]
    for (const who of everyone) await test.setBalance({ address: who.address, value: parseEther('10') })
    const devs = env.devnet.accounts.map((a) => a.address)
    holders = [
      ...new Set([...devs, ...everyone.map((a) => a.address), ...watched(), contracts.AgentRegistry]),
    ]
    supplyBefore = await balancesOf(holders)
    for (const creator of CREATORS) {
      const args = ['ipfs://agent', [keccak256(toHex('adapter'))], WEI_PER_OPEN] as const
      const { result } = await registry(creator).simulate.registerAgent(args, { account: creator })
      await mined(registry(creator).write.registerAgent(args))
      agentIds.push(result)
    }
    for (const { staker, agent, amount, funder } of STAKES) {
      const who = STAKERS[staker]!
      await mined(token(dev(funder)).write.transfer([who.address, amount]))
      await mined(token(who).write.approve([contracts.AgentStaking, amount]))
      await mined(staking(who).write.stake([agentIds[agent]!, amount]))
    }
    for (const [k, payer] of PAYERS.entries()) {
      await mined(token(dev(6)).write.transfer([payer.address, DEPOSITS[k]!]))
      await mined(token(payer).write.approve([contracts.FeeRouter, DEPOSITS[k]!]))
      await mined(router(payer).write.deposit([DEPOSITS[k]!]))
      await mined(router(payer).write.authorizeCharges([DEPOSITS[k]!, 24n * 3600n]))
    }
    const settler = dev(SETTLER)
    await mined(token(dev(ECOSYSTEM)).write.transfer([settler.address, minSettlerBond]))
    await mined(token(settler).write.approve([contracts.FeeRouter, minSettlerBond]))
    await mined(router(settler).write.depositBond([minSettlerBond]))
    const settle = async (
      epoch: bigint,
      args: Parameters<ReturnType<typeof router>['write']['postEpoch']>[0],
    ) => {
      await mined(router(settler).write.postEpoch(args))
      await test.increaseTime({ seconds: Number(disputeWindow) })
      await test.mine({ blocks: 1 })
      return () => router(dev(0)).write.finalizeEpoch([epoch, args[4], args[5]])
    }
    const warmUp = agentIds.map((agentId) => ({ agentId, fees: WARM_UP_FEE }))
    const warmUpAdapters = adapterCreatorFees(
      3n * share(WARM_UP_FEE, SPLITS.adapterCreators),
      ADAPTER_X,
      ADAPTER_Y,
    )
    const charged = [{ payer: PAYERS[0]!.address, amount: 3n * WARM_UP_FEE }]
    const warmUpRoot = keccak256(toHex('warm-up receipts'))
    await mined((await settle(1n, [1n, warmUpRoot, zeroHash, charged, warmUp, warmUpAdapters, 0n]))())
    const charges = sortCharges(PAYERS.map((p, k) => ({ payer: p.address, amount: CHARGES[k]! })))
    const root = receiptsTree(4, 2n).root as Hex
    const finalize = await settle(2n, [2n, root, payouts.root, charges, agents(), adapters, contributorsPaid])
    const before = await balancesOf(watched())
    await mined(finalize())
    finalizeDeltas = deltas(before, await balancesOf(watched()))
  })
  afterAll(() => env?.cleanup())

  it('is wired as deployed: the router settles into AgentStaking, dev account 9 settles, the Safe holds the powers', async () => {
    expect(await staking(dev(0)).read.feeRouter()).toBe(env.manifest.contracts.FeeRouter)
    expect(await router(dev(0)).read.staking()).toBe(env.manifest.contracts.AgentStaking)
    expect(await router(dev(0)).read.agents()).toBe(env.manifest.contracts.AgentRegistry)
    const settler = env.devnet.accounts[SETTLER]!.address
    expect(await router(dev(0)).read.hasRole([ROLES.settler, settler])).toBe(true)
    for (const role of [ROLES.admin, ROLES.parameters, ROLES.veto])
      expect(await router(dev(0)).read.hasRole([role, env.manifest.treasurySafe.address])).toBe(true)
    expect(await router(dev(0)).read.splits()).toEqual(SPLITS)
    expect(await router(dev(0)).read.disputeWindow()).toBe(disputeWindow)
    expect(await router(dev(0)).read.minSettlerBond()).toBe(minSettlerBond)
    expect(await router(dev(0)).read.bondOf([settler])).toBe(minSettlerBond)
    expect(await router(dev(0)).read.lastEpoch()).toBe(2n)
    expect((await router(dev(0)).read.epochOf([2n])).status).toBe(2)
  })

  it('pays creators, adapter creators and the treasury to the wei, and funds stakers and contributors', () => {
    const toTreasury = total - sum(creatorShares) - sum(stakerShares) - adapterPool - contributorsPaid
    expect(finalizeDeltas).toEqual([
      ...creatorShares,
      adapters[0]!.amount,
      adapters[1]!.amount,
      // its own split + the contributors' unpaid part + all dust + agent 3's stakers' share (no stakers)
      toTreasury + stakerShares[2]!,
      stakerShares[0]! + stakerShares[1]!,
      contributorsPaid - total,
    ])
    expect(adapters[0]!.amount + adapters[1]!.amount).toBe(adapterPool)
  })

  it("accrues stakers' rewards pro rata to active stake, with AgentStaking's floors", async () => {
    for (const [k, { staker, agent, amount }] of STAKES.entries()) {
      const position = await staking(dev(0)).read.positionOf([agentIds[agent]!, STAKERS[staker]!.address])
      expect(position.activeTokens).toBe(amount)
      expect(position.pendingReward).toBe(expectedRewards[k])
      // Pro rata: at most 1 wei below ⌊share × stake / agentStake⌋.
      const agentStake = sum(STAKES.filter((s) => s.agent === agent).map((s) => s.amount))
      const exact = (stakerShares[agent]! * amount) / agentStake
      expect(exact - expectedRewards[k]!).toBeGreaterThanOrEqual(0n)
      expect(exact - expectedRewards[k]!).toBeLessThanOrEqual(1n)
    }
  })

  it('pays each staker exactly its pending reward on claim; the floors’ dust stays in AgentStaking', async () => {
    for (const [k, { staker, agent }] of STAKES.entries()) {
      const who = STAKERS[staker]!
      const before = await balanceOf(who.address)
      await mined(staking(who).write.claim([agentIds[agent]!]))
      expect((await balanceOf(who.address)) - before).toBe(expectedRewards[k])
      expect((await staking(who).read.positionOf([agentIds[agent]!, who.address])).pendingReward).toBe(0n)
    }
    const dust = stakerShares[0]! + stakerShares[1]! - sum(expectedRewards)
    const staked = sum(STAKES.map((s) => s.amount))
    expect(await balanceOf(env.manifest.contracts.AgentStaking)).toBe(staked + dust)
  })

  it('lets a contributor claim its payout of the epoch once with its proof', async () => {
    const who = CONTRIBUTORS[0]!
    const { account, amount, proof } = payouts.proofOf(who.address)
    const before = await balanceOf(account)
    await mined(router(who).write.claim([2n, account, amount, proof]))
    expect((await balanceOf(account)) - before).toBe(amount)
    expect(await router(who).read.isClaimed([2n, account])).toBe(true)
    expect(await revertOf(router(who).write.claim([2n, account, amount, proof]))).toEqual({
      errorName: 'FeeRouterAlreadyClaimed',
      args: [2n, account],
    })
    const held = sum(DEPOSITS) - total - 3n * WARM_UP_FEE + contributorsPaid - amount + minSettlerBond
    expect(await balanceOf(env.manifest.contracts.FeeRouter)).toBe(held)
  })

  it('conserves OPEN across every account and contract involved (the whole supply)', async () => {
    const after = await balancesOf(holders)
    const supply = await token(dev(0)).read.totalSupply()
    expect(holders).toHaveLength(10 + 11 + 2 + 4)
    expect(sum(supplyBefore)).toBe(supply)
    expect(sum(after)).toBe(supply)
  })
})
