import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DevnetServer, startDevnetServer } from '@openledger/chain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnv } from './env.js'
import { createProgram } from './program.js'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runBin } from './testing/runBin.js'
import { runCli } from './testing/runCli.js'

let server: DevnetServer
let home: string
let env: Record<string, string>

async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** `--help` of a subcommand, in-process (a child process per command would take a second each). */
async function helpOf(args: string[]): Promise<string> {
  const lines: string[] = []
  const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) }
  const program = createProgram({ env: parseEnv({ OPENLEDGER_HOME: home }), io })
  program.exitOverride()
  for (const command of program.commands) {
    command.exitOverride()
    for (const sub of command.commands) sub.exitOverride()
  }
  await expect(program.parseAsync(['node', 'openledger', ...args, '--help'])).rejects.toMatchObject({
    code: 'commander.helpDisplayed',
  })
  return lines.join('\n')
}

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-cli-'))
  env = { OPENLEDGER_HOME: home, RPC_URL: server.url }
})
afterAll(async () => {
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('openledger', () => {
  it('prints help for every command', async () => {
    const top = await runCli(['--help'], env)
    expect(top.code).toBe(0)
    for (const command of [
      'up',
      'devnet',
      'deploy',
      'safe',
      'safe propose',
      'safe sign',
      'safe execute',
      'safe status',
      'lora-host',
      'adapter',
      'adapter train',
      'adapter register',
      'adapter lineage',
      'datanet',
      'datanet create',
      'datanet contribute',
      'datanet import',
      'datanet review',
      'datanet rows',
      'datanet commit',
      'datanet search',
      'attribution',
      'attribution explain',
      'stake',
      'unstake',
      'withdraw',
      'rewards',
      'challenge',
      'slash',
      'agent',
      'agent register',
      'fees authorize',
      'settler',
      'settler bond',
      'epoch',
      'epoch verify',
      'epoch watch',
      'epoch veto',
      'wallet',
      'wallet revoke',
      'wallet disable-module',
      'keys',
      'keys create',
      'keys import',
      'keys list',
    ]) {
      expect(top.stdout + (await helpOf(command.split(' ')))).toContain(`Usage: openledger ${command}`)
    }
  })

  it('deploys, then reuses the deployment', async () => {
    const first = await runCli(['deploy'], env)
    expect(first.stderr).toBe('')
    expect(first.stdout).toContain('Wrote ')
    const second = await runCli(['deploy'], env)
    expect(second.stdout).toContain('Reused the deployment')
  })

  it('moves treasury OPEN only after 2 of 3 owners sign', async () => {
    const proposed = await runCli(
      [
        'safe',
        'propose',
        '--send-open',
        server.devnet.accounts[8]!.address,
        '--amount',
        '25',
        '--dev-account',
        '0',
      ],
      env,
    )
    expect(proposed.stderr).toBe('')
    const hash = /Proposed (0x[0-9a-f]{64})/.exec(proposed.stdout)?.[1]
    expect(hash).toBeDefined()
    expectOneLineError(await runCli(['safe', 'execute', hash!], env), /has 1 of 2 required signatures/)
    expectOneLineError(
      await runCli(['safe', 'sign', hash!, '--dev-account', '7'], env),
      /is not an owner of Safe/,
    )
    const signed = await runCli(['safe', 'sign', hash!, '--dev-account', '2'], env)
    expect(signed.stdout).toContain('2 of 2 signatures')
    const status = await runCli(['safe', 'status', hash!], env)
    expect(status.stdout).toContain('ready')
    const executed = await runCli(['safe', 'execute', hash!], env)
    expect(executed.stdout).toMatch(/^Executed 0x/)
    expect((await runCli(['safe', 'status'], env)).stdout).toContain('executed')
  })

  it('fails in one line on an unreachable RPC URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    expectOneLineError(
      await runCli(['deploy', '--rpc-url', url], env),
      /^error: RPC URL .* is unreachable\.$/,
    )
  })

  it('fails in one line on a manifest whose addresses have no code', async () => {
    const fresh = await startDevnetServer()
    try {
      const freshEnv = { ...env, RPC_URL: fresh.url }
      expectOneLineError(
        await runCli(['safe', 'status'], freshEnv),
        /^error: Deployment manifest for chain 31337 names addresses with no code/,
      )
      expectOneLineError(await runCli(['deploy'], freshEnv), /no code on the chain/)
      expect((await runCli(['deploy', '--redeploy'], freshEnv)).code).toBe(0)
    } finally {
      await fresh.close()
    }
  })

  it('fails in one line on a genesis table that does not sum to the supply', async () => {
    const file = join(home, 'genesis.json')
    writeFileSync(file, JSON.stringify([{ label: 'community', holder: 'treasury', amount: '999999999' }]))
    const result = await runCli(['deploy', '--genesis', file], {
      ...env,
      OPENLEDGER_HOME: join(home, 'other'),
    })
    expectOneLineError(
      result,
      /^error: Invalid genesis allocation table: shares sum to 999999999 OPEN, but the supply is 1000000000 OPEN\.$/,
    )
  })

  it('rejects bad arguments with one line', async () => {
    expectOneLineError(await runCli(['safe', 'sign', '0x1234'], env), /is not a 32-byte hash/)
    expectOneLineError(
      await runCli(['epoch', 'verify', '0'], env),
      /"0" is not an epoch \(a positive integer\)/,
    )
    expectOneLineError(
      await runCli(
        ['wallet', 'revoke', '0x1234', '--safe', '0x0000000000000000000000000000000000000001'],
        env,
      ),
      /0x1234/,
    )
    expectOneLineError(
      await runCli(['wallet', 'revoke', '0x0000000000000000000000000000000000000002'], env),
      /--safe/,
    )
    expectOneLineError(await runCli(['wallet', 'disable-module'], env), /--safe/)
    expectOneLineError(await runCli(['wallet', 'disable-module', '--safe', '0x12'], env), /0x12/)
    // Through the binary, end to end: it starts, and commander's own exit on a bad argument is one line and 1.
    expectOneLineError(await runBin(['devnet', '--port', 'x'], env), /must be an integer from 0 to 65535/)
    expectOneLineError(
      await runCli(['deploy'], { ...env, OPENLEDGER_PRIVATE_KEY: 'nope' }),
      /OPENLEDGER_PRIVATE_KEY is invalid/,
    )
  })

  it('brings the stack up twice over the same .openledger, and stops cleanly', async () => {
    const upEnv = { OPENLEDGER_HOME: join(home, 'up') }
    for (const run of [1, 2]) {
      const result = await runCli(
        ['up', '--port', '0', '--lora-port', '0', '--no-agents', '--no-wait'],
        upEnv,
      )
      expect({ run, code: result.code, stderr: result.stderr }).toEqual({ run, code: 0, stderr: '' })
      expect(result.stdout).toMatch(/OpenLedger stack is up/)
      expect(result.stdout).toMatch(/RPC {12}http:\/\/127\.0\.0\.1:\d+ {2}\(chain 31337\)/)
      expect(result.stdout).toContain('stack file     ')
      expect(result.stdout).toContain('Stopped.')
    }
    expect(existsSync(join(home, 'up', 'deployments', '31337.json'))).toBe(true)
    expect(existsSync(join(home, 'up', 'stack.json'))).toBe(false)
  })

  it('says in one line that the devnet port is taken', async () => {
    const port = new URL(server.url).port
    expectOneLineError(
      await runCli(['up', '--port', port, '--no-wait'], env),
      /^error: 127\.0\.0\.1:\d+ is in use/,
    )
  })
})
