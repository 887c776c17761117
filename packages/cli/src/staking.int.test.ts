import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ChainConnection,
  connectChain,
  type DevnetServer,
  type Manifest,
  manifestPath,
  readManifest,
  startDevnetServer,
} from '@openledger/chain'
import { openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import { ensureSettlerBond } from '@openledger/provision/settler'
import {
  authorizeCharges,
  depositFees,
  finalizeEpoch,
  getSettlementState,
  postEpoch,
  registerAgent,
  stake,
} from '@openledger/staking'
import { type Address, keccak256, parseEther, toHex, zeroHash } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { passDisputeWindow } from './testing/passDisputeWindow.js'
import { runCli } from './testing/runCli.js'

/**
 * Dev accounts: 0–2 own the treasury Safe; 3–6 hold OPEN (3 stakes, 4 creates the agent, 5 challenges, 6 pays
 * fees); 9 settles fees.
 */
const [STAKER, CREATOR, CHALLENGER, PAYER, SETTLER] = [3, 4, 5, 6, 9] as const
const DAY = 24n * 3600n

let server: DevnetServer
let home: string
let env: Record<string, string>
let agentId: string
let challengeId: string

const cli = (...args: string[]) => runCli(args, env)
const dev = (n: number) => ['--dev-account', String(n)]
const address = (n: number) => server.devnet.accounts[n]!.address
const account = (n: number) => privateKeyToAccount(server.devnet.accounts[n]!.privateKey)
let connection: ChainConnection
let manifest: Manifest
const tokenBalanceOf = (owner: Address) =>
  connection.publicClient.readContract({
    address: manifest.contracts.OpenToken,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [owner],
  })

/**
 * Posts and finalises the next epoch in which PAYER paid `fees` OPEN wei of `agentId`'s calls (from the test,
 * not the CLI): the payer authorises the charge, the settler is bonded, the devnet's window waited out.
 */
async function settleFees(agentId: bigint, fees: bigint) {
  await depositFees(connection, manifest.contracts, { account: account(PAYER), amount: fees })
  await authorizeCharges(connection, manifest.contracts, {
    account: account(PAYER),
    // Room for a few epochs a day: changing the cap keeps what the day already charged.
    perPeriod: fees * 4n,
    period: DAY,
  })
  await ensureSettlerBond(connection, manifest.contracts, {
    settler: account(SETTLER),
    funder: account(STAKER),
  })
  const { lastEpoch } = await getSettlementState(connection, manifest.contracts)
  // Default splits: 20% to the agent's stakers, 10% to adapter creators (here the challenger), nothing paid to
  // contributors.
  const call = {
    epoch: lastEpoch + 1n,
    receiptsRoot: keccak256(toHex(`receipts ${lastEpoch + 1n}`)),
    payoutsRoot: zeroHash,
    charges: [{ payer: address(PAYER), amount: fees }],
    agents: [{ agentId, fees }],
    adapterCreators: [{ creator: address(CHALLENGER), amount: fees / 10n }],
    contributorsPaid: 0n,
  }
  await postEpoch(connection, manifest.contracts, { ...call, account: account(SETTLER) })
  await passDisputeWindow(server, { connection, manifest })
  await finalizeEpoch(connection, manifest.contracts, { ...call, account: account(PAYER) })
}

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-staking-'))
  env = { OPENLEDGER_HOME: home, RPC_URL: server.url }
  expect((await cli('deploy')).code).toBe(0)
  connection = await connectChain({ rpc: server.url })
  manifest = readManifest(manifestPath(connection.chainId, home))
})
afterAll(async () => {
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('openledger agent register, stake, unstake, withdraw, rewards, challenge, slash', () => {
  it('registers an agent and stakes on it; refuses a zero stake', async () => {
    const adapter = `0x${'ab'.repeat(32)}`
    const registered = await cli(
      'agent',
      'register',
      '--metadata-uri',
      'ipfs://agent',
      '--fee',
      '1',
      '--adapter',
      adapter,
      ...dev(CREATOR),
    )
    expect(registered.stderr).toBe('')
    expect(registered.stdout).toMatch(
      new RegExp(`^Registered agent \\d+ \\(creator ${address(CREATOR)}, fee 1 OPEN\\)`),
    )
    agentId = /^Registered agent (\d+) /.exec(registered.stdout)![1]!
    const staked = await cli('stake', agentId, '1000', ...dev(STAKER))
    expect(staked.stdout).toMatch(
      new RegExp(
        `^Staked 1000 OPEN on agent ${agentId} in 0x[0-9a-f]{64}; ${address(STAKER)} now has 1000 OPEN active\\.`,
      ),
    )
    expectOneLineError(await cli('stake', agentId, '0', ...dev(STAKER)), /must be more than 0 OPEN/)
  })

  it('unstakes (saying when to withdraw), refuses too much, and an early withdraw', async () => {
    const unstaked = await cli('unstake', agentId, '300', ...dev(STAKER))
    expect(unstaked.stdout).toMatch(
      new RegExp(
        `^Unbonding 300 OPEN from agent ${agentId}; withdraw from \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z with`,
      ),
    )
    expectOneLineError(
      await cli('unstake', agentId, '5000', ...dev(STAKER)),
      new RegExp(
        `^error: ${address(STAKER)} has 700000000000000000000 wei of active stake on agent ${agentId}, less than`,
      ),
    )
    expectOneLineError(
      await cli('withdraw', agentId, ...dev(STAKER)),
      new RegExp(
        `^error: ${address(STAKER)}'s stake on agent ${agentId} is unbonding until .*; withdraw after that\\.$`,
      ),
    )
    const rewards = await cli('rewards', agentId, ...dev(STAKER))
    expect(rewards.stderr).toBe('')
    expect(rewards.stdout).toMatch(`Position of ${address(STAKER)}:\n  active          700 OPEN\n`)
    expect(rewards.stdout).toMatch(/\n {2}unbonding {7}300 OPEN \(withdrawable from /)
    expect(rewards.stdout).toMatch(
      /\n {2}pending reward {2}0 OPEN\n {2}warming {9}700 OPEN \(earns from the agent's next reward round\)\nFee yield: 0 bps/,
    )
  })

  it('claims the staking rewards of a final epoch with rewards --claim', async () => {
    // The first epoch closes the reward round STAKER's stake arrived in (its stakers' share: the treasury's).
    await settleFees(BigInt(agentId), parseEther('70'))
    await settleFees(BigInt(agentId), parseEther('70'))
    const pending = await cli('rewards', agentId, ...dev(STAKER))
    // STAKER holds all 700 OPEN of active stake: the stakers' 20% (14 OPEN) is its, 200 bps of 700.
    expect(pending.stdout).toMatch(
      /\n {2}pending reward {2}14 OPEN\nFee yield: 200 bps \(14 OPEN over 2 final epochs\)/,
    )
    const before = await tokenBalanceOf(address(STAKER))
    const claimed = await cli('rewards', agentId, '--claim', ...dev(STAKER))
    expect(claimed.stderr).toBe('')
    expect(claimed.stdout).toMatch(
      new RegExp(`^Claimed 14 OPEN of rewards from agent ${agentId} in 0x[0-9a-f]{64}\\.\n`),
    )
    expect(claimed.stdout).toMatch(/\n {2}pending reward {2}0 OPEN\n/)
    expect(await tokenBalanceOf(address(STAKER))).toBe(before + parseEther('14'))
  })

  it('challenges the agent and slashes it through the treasury Safe', async () => {
    const challenged = await cli('challenge', agentId, '--evidence', 'a bad transcript', ...dev(CHALLENGER))
    expect(challenged.stdout).toMatch(
      new RegExp(
        `^Opened challenge \\d+ against agent ${agentId} \\(bond [\\d.]+ OPEN, evidence 0x[0-9a-f]{64}\\)`,
      ),
    )
    challengeId = /^Opened challenge (\d+) /.exec(challenged.stdout)![1]!
    expectOneLineError(await cli('slash', challengeId, '--uphold', ...dev(0)), /^error: Say --uphold --bps/)
    const proposed = await cli('slash', challengeId, '--uphold', '--bps', '2000', ...dev(0))
    expect(proposed.stderr).toBe('')
    const safeTxHash = /^Proposed (0x[0-9a-f]{64}) /.exec(proposed.stdout)?.[1]
    expect(proposed.stdout).toMatch(`upholding challenge ${challengeId} (slash 2000 bps); signed 1 of 2.`)
    expect(proposed.stdout).toMatch(`Next: other owners run \`openledger safe sign ${safeTxHash}\``)
    expect((await cli('safe', 'sign', safeTxHash!, ...dev(1))).code).toBe(0)
    expect((await cli('safe', 'execute', safeTxHash!)).stdout).toMatch(/^Executed /)
    const rewards = await cli('rewards', agentId, '--staker', address(STAKER))
    expect(rewards.stdout).toMatch(
      new RegExp(`^Agent ${agentId} \\(jailed\\): 560 OPEN active, 240 OPEN unbonding`),
    )
    expect(rewards.stdout).toMatch(`  active          560 OPEN\n`)
    expect(rewards.stdout).toMatch(/\n {2}unbonding {7}240 OPEN /)
  })
  it('refuses slash with both decisions, or neither, in one line', async () => {
    expectOneLineError(
      await cli('slash', '1', '--uphold', '--bps', '2000', '--reject', ...dev(0)),
      /^error: Say --uphold --bps <1-10000>, or --reject; not both\.$/,
    )
    expectOneLineError(
      await cli('slash', '1', ...dev(0)),
      /^error: Say --uphold --bps <1-10000>, or --reject; not both\.$/,
    )
  })

  it('rejects a challenge through the treasury Safe: the bond goes to the treasury, the agent stays active', async () => {
    // The agent and its stake come from the SDK: only the challenge and its resolution go through the CLI here.
    const { agentId: secondId } = await registerAgent(connection, manifest.contracts, {
      account: account(CREATOR),
      metadataURI: 'ipfs://second',
      feePerCall: WEI_PER_OPEN,
    })
    await stake(connection, manifest.contracts, {
      account: account(CREATOR),
      agentId: secondId,
      amount: parseEther('100'),
    })
    await stake(connection, manifest.contracts, {
      account: account(STAKER),
      agentId: secondId,
      amount: parseEther('900'),
    })
    const second = String(secondId)
    const challenged = await cli('challenge', second, '--evidence', 'a fine transcript', ...dev(CHALLENGER))
    const [, id, bond] = /^Opened challenge (\d+) .*\(bond ([\d.]+) OPEN,/.exec(challenged.stdout)!
    const proposed = await cli('slash', id!, '--reject', ...dev(0))
    expect(proposed.stderr).toBe('')
    expect(proposed.stdout).toMatch(`rejecting challenge ${id}; signed 1 of 2.`)
    const safeTxHash = /^Proposed (0x[0-9a-f]{64}) /.exec(proposed.stdout)![1]!
    const treasury = manifest.treasurySafe.address
    const before = await tokenBalanceOf(treasury)
    expect((await cli('safe', 'sign', safeTxHash, ...dev(1))).code).toBe(0)
    expect((await cli('safe', 'execute', safeTxHash)).stdout).toMatch(/^Executed /)
    expect(await tokenBalanceOf(treasury)).toBe(before + parseEther(bond!))
    const rewards = await cli('rewards', second, '--staker', address(STAKER))
    expect(rewards.stdout).toMatch(
      new RegExp(`^Agent ${second} \\(active\\): 1000 OPEN active, 0 OPEN unbonding`),
    )
  })
})
