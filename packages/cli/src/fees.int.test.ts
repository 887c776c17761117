import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DevnetServer, startDevnetServer } from '@openledger/chain'
import { createTestClient, custom } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runCli } from './testing/runCli.js'

/** Dev accounts: 3–6 hold OPEN; 4 pays fees, 6 is credited by it. */
const [PAYER, OTHER] = [4, 6] as const
const DAY = 24 * 3600

let server: DevnetServer
let home: string
let env: Record<string, string>

const cli = (...args: string[]) => runCli(args, env)
const dev = (n: number) => ['--dev-account', String(n)]
const address = (n: number) => server.devnet.accounts[n]!.address
const iso = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z'
const NOT_AUTHORISED =
  'Charges not authorised: nothing can be charged (`openledger fees authorize --per-period <OPEN>`).\n'

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-fees-'))
  env = { OPENLEDGER_HOME: home, RPC_URL: server.url }
  expect((await cli('deploy')).code).toBe(0)
})
afterAll(async () => {
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('openledger fees deposit, authorize, request-withdrawal, withdraw, balance', () => {
  it('deposits for the key and --for another account, and shows the balances', async () => {
    const own = await cli('fees', 'deposit', '100', ...dev(PAYER))
    expect(own.stderr).toBe('')
    expect(own.stdout).toMatch(
      new RegExp(
        `^Deposited 100 OPEN for ${address(PAYER)} in 0x[0-9a-f]{64}; its prepaid balance is now 100 OPEN\\.\\n${address(PAYER)} has not authorised charges: nothing can be charged and gateways do not serve it until it runs \`openledger fees authorize --per-period <OPEN>\`\\.\\n$`,
      ),
    )
    const forOther = await cli('fees', 'deposit', '2.5', '--for', address(OTHER), ...dev(PAYER))
    expect(forOther.stdout).toMatch(
      new RegExp(
        `^Deposited 2\\.5 OPEN for ${address(OTHER)} in 0x[0-9a-f]{64}; its prepaid balance is now 2\\.5 OPEN\\.\\n${address(OTHER)} has not authorised charges`,
      ),
    )
    expect((await cli('fees', 'balance', ...dev(PAYER))).stdout).toBe(
      `Prepaid fees of ${address(PAYER)}: 100 OPEN, 100 OPEN spendable.\n${NOT_AUTHORISED}`,
    )
    expect((await cli('fees', 'balance', '--account', address(OTHER))).stdout).toBe(
      `Prepaid fees of ${address(OTHER)}: 2.5 OPEN, 2.5 OPEN spendable.\n${NOT_AUTHORISED}`,
    )
  })

  it('authorises charges per period, shows the cap, and withdraws it with 0', async () => {
    const authorised = await cli('fees', 'authorize', '--per-period', '60', '--period', '12h', ...dev(PAYER))
    expect(authorised.stderr).toBe('')
    expect(authorised.stdout).toMatch(
      new RegExp(
        `^Authorised charges of up to 60 OPEN every 12 hours on ${address(PAYER)} in 0x[0-9a-f]{64}\\.\\n$`,
      ),
    )
    expect((await cli('fees', 'balance', ...dev(PAYER))).stdout).toBe(
      `Prepaid fees of ${address(PAYER)}: 100 OPEN, 100 OPEN spendable.\nCharge cap: 60 OPEN per 12 hours, 60 OPEN chargeable now.\n`,
    )
    // The default period is a day; a deposit by an authorised payer says nothing more.
    await cli('fees', 'authorize', '--per-period', '150', ...dev(PAYER))
    expect((await cli('fees', 'balance', ...dev(PAYER))).stdout).toMatch(
      /\nCharge cap: 150 OPEN per day, 100 OPEN chargeable now\.\n$/,
    )
    expect((await cli('fees', 'deposit', '1', ...dev(PAYER))).stdout).toMatch(
      /prepaid balance is now 101 OPEN\.\n$/,
    )
    const withdrawn = await cli('fees', 'authorize', '--per-period', '0', ...dev(PAYER))
    expect(withdrawn.stdout).toMatch(
      /^Withdrew 0x[0-9a-fA-F]{40}'s charge authorisation in 0x[0-9a-f]{64}: nothing can be charged now\.\n$/,
    )
    expect((await cli('fees', 'balance', ...dev(PAYER))).stdout.endsWith(NOT_AUTHORISED)).toBe(true)
  })

  it('refuses a period out of range in one line', async () => {
    for (const period of ['0', '366d', 'a day'])
      expectOneLineError(
        await cli('fees', 'authorize', '--per-period', '1', '--period', period, ...dev(PAYER)),
        /^error: .*is not a duration from 1 second to 365 days/,
      )
  })

  it('refuses a zero amount in one line', async () => {
    for (const command of ['deposit', 'request-withdrawal', 'withdraw'])
      expectOneLineError(
        await cli('fees', command, '0', ...dev(PAYER)),
        /^error: .*the amount must be more than 0 OPEN\.$/,
      )
  })

  it('requests a withdrawal, refuses it early in one line, and withdraws after the delay', async () => {
    const requested = await cli('fees', 'request-withdrawal', '40', ...dev(PAYER))
    expect(requested.stderr).toBe('')
    expect(requested.stdout).toMatch(
      new RegExp(
        `^Requested a withdrawal of 40 OPEN for ${address(PAYER)}; withdraw from ${iso} with \`openledger fees withdraw 40\`\\.\\n$`,
      ),
    )
    expect((await cli('fees', 'balance', ...dev(PAYER))).stdout).toMatch(
      new RegExp(
        `^Prepaid fees of ${address(PAYER)}: 101 OPEN, 40 OPEN pending withdrawal \\(unlocks ${iso}\\), 61 OPEN spendable\\.\\n`,
      ),
    )
    expectOneLineError(
      await cli('fees', 'withdraw', '40', ...dev(PAYER)),
      new RegExp(
        `^error: ${address(PAYER)}'s fee withdrawal of up to 40000000000000000000 wei unlocks at ${iso}; withdraw at most that, after then\\.$`,
      ),
    )

    const testClient = createTestClient({ mode: 'hardhat', transport: custom(server.devnet) })
    await testClient.increaseTime({ seconds: DAY })
    await testClient.mine({ blocks: 1 })
    const withdrawn = await cli('fees', 'withdraw', '40', ...dev(PAYER))
    expect(withdrawn.stderr).toBe('')
    expect(withdrawn.stdout).toMatch(
      new RegExp(`^Withdrew 40 OPEN of prepaid fees to ${address(PAYER)} in 0x[0-9a-f]{64}\\.\\n$`),
    )
    expect((await cli('fees', 'balance', ...dev(PAYER))).stdout).toBe(
      `Prepaid fees of ${address(PAYER)}: 61 OPEN, 61 OPEN spendable.\n${NOT_AUTHORISED}`,
    )
  })
})
