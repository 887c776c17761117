import { openTokenAbi, openTokenBytecode, WEI_PER_OPEN } from '@openledger/contracts'
import {
  type Address,
  createTestClient,
  custom,
  getContract,
  type Hex,
  type TransactionReceipt,
  zeroAddress,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { devAccounts } from '../accounts.js'
import { deployContract } from '../deploy/deployContract.js'
import { devnetDeploymentConfig } from '../devnetDefaults.js'
import { TOTAL_SUPPLY } from '../genesis.js'
import { type DeployedDevnet, deployedDevnet } from '../testing/deployedDevnet.js'
import { eip712DomainOf } from '../testing/eip712DomainOf.js'
import { revertOf } from '../testing/revertOf.js'
import { signDelegation } from '../testing/signDelegation.js'
import { signPermit } from '../testing/signPermit.js'

const OPEN = (whole: bigint) => whole * WEI_PER_OPEN
const [INVESTORS, RELAYER, ALICE, BOB, CAROL] = [3, 5, 7, 8, 9] as const

let env: DeployedDevnet
let testClient: ReturnType<typeof testClientOf>
let token: ReturnType<typeof tokenAs>
let snapshot: Hex

const testClientOf = (e: DeployedDevnet) =>
  createTestClient({ mode: 'hardhat', transport: custom(e.devnet), chain: e.connection.chain })
const account = (i: number) => privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
const address = (i: number) => env.devnet.accounts[i]!.address
const tokenAs = (i: number) =>
  getContract({
    address: env.manifest.contracts.OpenToken,
    abi: openTokenAbi,
    client: { public: env.connection.publicClient, wallet: env.connection.walletClient(account(i)) },
  })
async function mined(hash: Promise<Hex>): Promise<TransactionReceipt> {
  const receipt = await env.connection.publicClient.waitForTransactionReceipt({ hash: await hash })
  expect(receipt.status).toBe('success')
  return receipt
}
const timeOf = async (receipt: TransactionReceipt) =>
  (await env.connection.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp
const latestTime = async () => (await env.connection.publicClient.getBlock()).timestamp
async function passTime(seconds: number) {
  await testClient.increaseTime({ seconds })
  await testClient.mine({ blocks: 1 })
}

beforeAll(async () => {
  env = await deployedDevnet()
  testClient = testClientOf(env)
  token = tokenAs(0)
})
afterAll(() => env?.cleanup())
beforeEach(async () => {
  snapshot = await testClient.snapshot()
})
afterEach(async () => {
  await testClient.revert({ id: snapshot })
})

describe('OpenToken metadata and genesis', () => {
  it('has a fixed supply of 1e9 OPEN named OpenLedger (OPEN), 18 decimals', async () => {
    expect(await token.read.totalSupply()).toBe(10n ** 27n)
    expect(await token.read.TOTAL_SUPPLY()).toBe(10n ** 27n)
    expect(TOTAL_SUPPLY).toBe(10n ** 27n)
    expect(await token.read.name()).toBe('OpenLedger')
    expect(await token.read.symbol()).toBe('OPEN')
    expect(await token.read.decimals()).toBe(18)
  })

  it('minted exactly the genesis table: 51.7% to the treasury Safe, the rest to the configured holders', async () => {
    const { manifest, devnet } = env
    const treasury = manifest.treasurySafe.address
    const table = devnetDeploymentConfig(devnet.accounts).genesis.map((e) => ({
      label: e.label,
      holder: e.holder === 'treasury' ? treasury : e.holder,
      amount: e.amount,
    }))
    expect(table.map((e) => [e.label, e.holder])).toEqual([
      ['community', treasury],
      ['investors', address(3)],
      ['team', address(4)],
      ['ecosystem', address(5)],
      ['liquidity', address(6)],
    ])
    expect(manifest.genesis).toEqual(table.map((e) => ({ ...e, amount: String(e.amount) })))
    for (const entry of table) expect(await token.read.balanceOf([entry.holder])).toBe(entry.amount)
    for (const entry of manifest.genesis)
      expect(await token.read.balanceOf([entry.holder])).toBe(BigInt(entry.amount))
    expect(table.reduce((sum, e) => sum + e.amount, 0n)).toBe(TOTAL_SUPPLY)
    const community = await token.read.balanceOf([treasury])
    expect(community).toBe(OPEN(517_000_000n))
    expect(community * 1000n).toBe(TOTAL_SUPPLY * 517n)
    for (const i of [0, 1, 2, 7, 8, 9]) expect(await token.read.balanceOf([address(i)])).toBe(0n)
    const mints = await token.getEvents.Transfer({ from: zeroAddress }, { fromBlock: 0n })
    expect(mints.map((log) => [log.args.to, log.args.value])).toEqual(table.map((e) => [e.holder, e.amount]))
  })
})

describe('OpenToken ERC20Permit', () => {
  const signPermitAs = (signer: number, owner: Address, spender: Address, value: bigint, deadline: bigint) =>
    signPermit(env.connection.publicClient, account(signer), {
      token: token.address,
      owner,
      spender,
      value,
      deadline,
    })

  it('uses the EIP-712 domain OpenLedger / 1 / 31337 / the token', async () => {
    const verifyingContract = env.manifest.contracts.OpenToken
    expect(await eip712DomainOf(env.connection.publicClient, token.address)).toEqual({
      name: 'OpenLedger',
      version: '1',
      chainId: 31337n,
      verifyingContract,
    })
  })

  it('sets an allowance from a signature submitted by a third party, once', async () => {
    const [owner, spender] = [address(INVESTORS), address(BOB)]
    const args = await signPermitAs(INVESTORS, owner, spender, OPEN(42n), (await latestTime()) + 3600n)
    expect(await token.read.nonces([owner])).toBe(0n)
    await mined(tokenAs(RELAYER).write.permit(args))
    expect(await token.read.allowance([owner, spender])).toBe(OPEN(42n))
    expect(await token.read.nonces([owner])).toBe(1n)
    await mined(tokenAs(BOB).write.transferFrom([owner, address(CAROL), OPEN(42n)]))
    expect(await token.read.balanceOf([address(CAROL)])).toBe(OPEN(42n))
    expect((await revertOf(tokenAs(RELAYER).write.permit(args))).errorName).toBe('ERC2612InvalidSigner')
  })

  it('rejects an expired deadline and a signature by someone other than the owner', async () => {
    const [owner, spender] = [address(INVESTORS), address(BOB)]
    const expired = await latestTime()
    const late = await signPermitAs(INVESTORS, owner, spender, 1n, expired)
    expect(await revertOf(tokenAs(RELAYER).write.permit(late))).toEqual({
      errorName: 'ERC2612ExpiredSignature',
      args: [expired],
    })
    const forged = await signPermitAs(ALICE, owner, spender, 1n, expired + 3600n)
    expect(await revertOf(tokenAs(RELAYER).write.permit(forged))).toEqual({
      errorName: 'ERC2612InvalidSigner',
      args: [address(ALICE), owner],
    })
    expect(await token.read.allowance([owner, spender])).toBe(0n)
    expect(await token.read.nonces([owner])).toBe(0n)
  })
})

describe('OpenToken ERC20Votes on the timestamp clock', () => {
  it('reports mode=timestamp and the latest block timestamp as its clock', async () => {
    expect(await token.read.CLOCK_MODE()).toBe('mode=timestamp')
    expect(BigInt(await token.read.clock())).toBe(await latestTime())
    await passTime(1000)
    expect(BigInt(await token.read.clock())).toBe(await latestTime())
  })

  it('counts votes only after delegation, moves them with transfers and remembers the past', async () => {
    const [alice, bob, carol] = [address(ALICE), address(BOB), address(CAROL)]
    const votes = (who: Address) => token.read.getVotes([who])
    await mined(tokenAs(INVESTORS).write.transfer([alice, OPEN(1000n)]))
    expect(await votes(alice)).toBe(0n)
    expect(await token.read.delegates([alice])).toBe(zeroAddress)

    const t1 = await timeOf(await mined(tokenAs(ALICE).write.delegate([alice])))
    expect(await token.read.delegates([alice])).toBe(alice)
    expect(await votes(alice)).toBe(OPEN(1000n))
    await mined(tokenAs(BOB).write.delegate([bob]))
    expect(await votes(bob)).toBe(0n)
    await passTime(3600)

    const t2 = await timeOf(await mined(tokenAs(ALICE).write.transfer([bob, OPEN(300n)])))
    expect([await votes(alice), await votes(bob)]).toEqual([OPEN(700n), OPEN(300n)])
    // Carol never delegated: the votes leave Alice and go to no one.
    const t3 = await timeOf(await mined(tokenAs(ALICE).write.transfer([carol, OPEN(100n)])))
    expect([await votes(alice), await votes(bob), await votes(carol)]).toEqual([OPEN(600n), OPEN(300n), 0n])
    await passTime(60)

    expect(t2 - t1).toBeGreaterThanOrEqual(3600n)
    const past = (who: Address, t: bigint) => token.read.getPastVotes([who, t])
    expect(await past(alice, t1 - 1n)).toBe(0n)
    expect(await past(alice, t1)).toBe(OPEN(1000n))
    expect(await past(alice, t2 - 1n)).toBe(OPEN(1000n))
    expect(await past(alice, t2)).toBe(OPEN(700n))
    expect(await past(alice, t3)).toBe(OPEN(600n))
    expect([await past(bob, t2 - 1n), await past(bob, t2)]).toEqual([0n, OPEN(300n)])
    expect(await token.read.getPastTotalSupply([t2])).toBe(TOTAL_SUPPLY)

    const now = await token.read.clock()
    for (const t of [BigInt(now), BigInt(now) + 1000n]) {
      expect(await revertOf(past(alice, t))).toEqual({ errorName: 'ERC5805FutureLookup', args: [t, now] })
    }
  })

  it('delegates by signature, once, before the expiry', async () => {
    const [bob, carol] = [address(BOB), address(CAROL)]
    await mined(tokenAs(INVESTORS).write.transfer([carol, OPEN(100n)]))
    const signed = (expiry: bigint) =>
      signDelegation(env.connection.publicClient, account(CAROL), {
        token: token.address,
        delegatee: bob,
        expiry,
      })
    const expired = await latestTime()
    expect(await revertOf(tokenAs(RELAYER).write.delegateBySig(await signed(expired)))).toEqual({
      errorName: 'VotesExpiredSignature',
      args: [expired],
    })
    const args = await signed(expired + 3600n)
    await mined(tokenAs(RELAYER).write.delegateBySig(args))
    expect(await token.read.delegates([carol])).toBe(bob)
    expect(await token.read.nonces([carol])).toBe(1n)
    expect(await token.read.getVotes([bob])).toBe(OPEN(100n))
    expect(await revertOf(tokenAs(RELAYER).write.delegateBySig(args))).toEqual({
      errorName: 'InvalidAccountNonce',
      args: [carol, 1n],
    })
  })
})

describe('OpenToken constructor', () => {
  const deployToken = (holders: readonly Address[], amounts: readonly bigint[]) =>
    deployContract(env.connection, account(0), {
      abi: openTokenAbi,
      bytecode: openTokenBytecode,
      args: [holders, amounts],
    })
  const [a, b] = [devAccounts(9)[7]!.address, devAccounts(9)[8]!.address]
  const [SUPPLY, HALF] = [TOTAL_SUPPLY, TOTAL_SUPPLY / 2n]

  it.each<[string, Address[], bigint[], string, unknown[]]>([
    ['1 wei short', [a, b], [HALF, HALF - 1n], 'GenesisSupplyMismatch', [SUPPLY - 1n, SUPPLY]],
    ['1 wei over', [a, b], [SUPPLY, 1n], 'GenesisSupplyMismatch', [SUPPLY + 1n, SUPPLY]],
    ['empty', [], [], 'GenesisSupplyMismatch', [0n, SUPPLY]],
    ['of unequal lengths', [a, b], [SUPPLY], 'GenesisLengthMismatch', [2n, 1n]],
    [
      'naming the zero address',
      [a, zeroAddress],
      [SUPPLY - 5n, 5n],
      'GenesisInvalidEntry',
      [1n, zeroAddress, 5n],
    ],
    ['allocating 0', [a, b], [SUPPLY, 0n], 'GenesisInvalidEntry', [1n, b, 0n]],
  ])('refuses a genesis table %s with %s', async (_, holders, amounts, errorName, args) => {
    expect(await revertOf(deployToken(holders, amounts), openTokenAbi)).toEqual({ errorName, args })
  })

  it('accepts a table that names the same holder twice', async () => {
    const deployed = await deployToken([a, a], [SUPPLY - 1n, 1n])
    const { read } = getContract({
      address: deployed,
      abi: openTokenAbi,
      client: env.connection.publicClient,
    })
    expect([await read.balanceOf([a]), await read.totalSupply()]).toEqual([SUPPLY, SUPPLY])
  })
})
