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
  sendContractCall,
  startDevnetServer,
} from '@openledger/chain'
import { openTokenAbi } from '@openledger/contracts'
import { parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runCli } from './testing/runCli.js'

/** Dev accounts: 0–2 own the treasury Safe; 3 holds OPEN; 9 is the devnet's settler, without OPEN. */
const [FUNDER, OTHER, SETTLER] = [3, 4, 9] as const

let server: DevnetServer
let home: string
let env: Record<string, string>
let connection: ChainConnection
let manifest: Manifest

const cli = (...args: string[]) => runCli(args, env)
const dev = (n: number) => ['--dev-account', String(n)]
const address = (n: number) => server.devnet.accounts[n]!.address
const hash = '0x[0-9a-f]{64}'

/** Owner 0 proposes with `args`; owner 1 signs; anyone executes. */
async function throughSafe(...args: string[]) {
  const proposed = await cli('settler', ...args, ...dev(0))
  expect(proposed.stderr).toBe('')
  const safeTxHash = /^Proposed (0x[0-9a-f]{64}) \(nonce \d+\), /.exec(proposed.stdout)![1]!
  expect(proposed.stdout).toMatch(`Next: other owners run \`openledger safe sign ${safeTxHash}\``)
  expect((await cli('safe', 'sign', safeTxHash, ...dev(1))).code).toBe(0)
  expect((await cli('safe', 'execute', safeTxHash)).stdout).toMatch(/^Executed /)
  return proposed.stdout
}

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-settler-'))
  env = { OPENLEDGER_HOME: home, RPC_URL: server.url }
  expect((await cli('deploy')).code).toBe(0)
  connection = await connectChain({ rpc: server.url })
  manifest = readManifest(manifestPath(connection.chainId, home))
})
afterAll(async () => {
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('openledger settler', () => {
  it("shows the devnet settler's role and missing bond; settle --once bonds it from dev account 5", async () => {
    expect((await cli('settler', 'status')).stdout).toBe(
      `Settler ${address(SETTLER)}: appointed; bond 0 OPEN (minimum 1000 OPEN: below it, it cannot post).\n` +
        'No epoch is pending; 0 posted so far; the dispute window is 10 seconds.\n',
    )
    const settled = await cli('settle', '--once')
    expect(settled.stderr).toBe('')
    expect(settled.stdout).toMatch(
      new RegExp(
        `^Bonded 1000 OPEN for settler ${address(SETTLER)} from dev account 5; its bond is 1000 OPEN\\.\\nLedger reconciled with FeeRouter at epoch 0\\.\\nNothing to settle: `,
      ),
    )
    expect((await cli('settler', 'status')).stdout).toMatch(
      `Settler ${address(SETTLER)}: appointed; bond 1000 OPEN (minimum 1000 OPEN).\n`,
    )
    expect((await cli('settle', '--once')).stdout).toMatch(/^Ledger reconciled /)
  })

  it('bonds and unbonds; refuses taking more than the bond in one line', async () => {
    await sendContractCall(connection, {
      account: privateKeyToAccount(server.devnet.accounts[FUNDER]!.privateKey),
      address: manifest.contracts.OpenToken,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [address(SETTLER), parseEther('200')],
    })
    const bonded = await cli('settler', 'bond', '200')
    expect(bonded.stderr).toBe('')
    expect(bonded.stdout).toMatch(
      new RegExp(
        `^Bonded 200 OPEN for ${address(SETTLER)} in ${hash}; its bond is now 1200 OPEN \\(minimum 1000 OPEN\\)\\.\\n$`,
      ),
    )
    const unbonded = await cli('settler', 'unbond', '200', ...dev(SETTLER))
    expect(unbonded.stdout).toMatch(
      new RegExp(`^Unbonded 200 OPEN to ${address(SETTLER)} in ${hash}; its bond is now 1000 OPEN\\.\\n$`),
    )
    expectOneLineError(
      await cli('settler', 'unbond', '5000'),
      new RegExp(`^error: ${address(SETTLER)} has 1000000000000000000000 wei of settler bond, less than`),
    )
    expectOneLineError(await cli('settler', 'bond', '0'), /must be more than 0 OPEN/)
  })

  it('appoints and removes a settler, and sets the dispute window and minimum bond, through the Safe', async () => {
    expect(await throughSafe('appoint', address(OTHER))).toMatch(
      `appointing ${address(OTHER)} as a settler; signed 1 of 2.`,
    )
    expect((await cli('settler', 'status', '--account', address(OTHER))).stdout).toMatch(
      `Settler ${address(OTHER)}: appointed; bond 0 OPEN`,
    )
    expect(await throughSafe('remove', address(OTHER))).toMatch(`removing ${address(OTHER)} as a settler;`)
    expect((await cli('settler', 'status', '--account', address(OTHER))).stdout).toMatch(
      `Settler ${address(OTHER)}: not appointed (the treasury Safe appoints settlers); bond 0 OPEN`,
    )

    expect(await throughSafe('set-dispute-window', '2h')).toMatch('setting the dispute window to 2 hours;')
    expect(await throughSafe('set-min-bond', '1500')).toMatch(
      'setting the minimum settler bond to 1500 OPEN;',
    )
    expect((await cli('settler', 'status')).stdout).toBe(
      `Settler ${address(SETTLER)}: appointed; bond 1000 OPEN (minimum 1500 OPEN: below it, it cannot post).\n` +
        'No epoch is pending; 0 posted so far; the dispute window is 2 hours.\n',
    )
    expectOneLineError(
      await cli('settler', 'set-dispute-window', '400d', ...dev(0)),
      /^error: .*is not a duration from 1 second to 365 days/,
    )
  })
})
