import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DevnetServer, startDevnetServer } from '@openledger/chain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runCli } from './testing/runCli.js'

/** Dev accounts: 0–2 own the treasury Safe; 3–6 hold OPEN (3 stakes, 4 creates the agent, 5 challenges). */
const [STAKER, CREATOR, CHALLENGER] = [3, 4, 5] as const

let server: DevnetServer
let home: string
let env: Record<string, string>
let agentId: string
let challengeId: string

const cli = (...args: string[]) => runCli(args, env)
const dev = (n: number) => ['--dev-account', String(n)]
const address = (n: number) => server.devnet.accounts[n]!.address

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-staking-'))
  env = { OPENLEDGER_HOME: home, RPC_URL: server.url }
  expect((await cli('deploy')).code).toBe(0)
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
    expect(rewards.stdout).toMatch(/\n {2}pending reward {2}0 OPEN\nFee yield: 0 bps/)
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
})
