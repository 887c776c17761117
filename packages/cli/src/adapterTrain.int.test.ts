import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DevnetServer, startDevnetServer } from '@openledger/chain'
import { sharedModelsDir } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runCli } from './testing/runCli.js'

const names = ['Tom', 'Lily', 'Sam', 'Anna', 'Ben', 'Mia']
const places = ['park', 'garden', 'pond']
const rows = names.flatMap((name) =>
  places.map((place) => ({
    prompt: `${name} went to the ${place}. What did ${name} see?`,
    completion: ` ${name} saw a purple frog.`,
  })),
)

let server: DevnetServer
let home: string
let env: Record<string, string>
let trained: string
let empty: string

const cli = (...args: string[]) => runCli(args, env)
const dev = (n: number) => ['--dev-account', String(n)]
const address = (n: number) => server.devnet.accounts[n]!.address
const TRAIN = ['--rank', '4', '--steps', '10', '--batch', '4', '--seq-len', '48', '--seed', '7']

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-adapter-train-'))
  // No lora-host listens on port 1: `adapter register` skips the host and registers on-chain only.
  env = {
    OPENLEDGER_HOME: home,
    RPC_URL: server.url,
    OPENLEDGER_MODELS_DIR: sharedModelsDir,
    LORA_HOST_URL: 'http://127.0.0.1:1',
  }
  expect((await cli('deploy')).code).toBe(0)
  const created = await cli('datanet', 'create', '--license', 'cc-by-4.0', '--name', 'frogs', ...dev(0))
  trained = /^Created datanet (\d+) /.exec(created.stdout)![1]!
  const jsonl = join(home, 'frogs.jsonl')
  writeFileSync(jsonl, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`)
  expect((await cli('datanet', 'import', trained, jsonl, ...dev(1))).code).toBe(0)
  const pending = (await cli('datanet', 'rows', trained, '--status', 'pending')).stdout.trim().split('\n')
  const ids = pending.map((line) => line.slice(0, 66))
  expect(ids).toHaveLength(rows.length)
  expect((await cli('datanet', 'review', trained, ...ids, '--accept', ...dev(0))).code).toBe(0)
  const second = await cli('datanet', 'create', '--license', 'cc-by-4.0', '--name', 'empty', ...dev(0))
  empty = /^Created datanet (\d+) /.exec(second.stdout)![1]!
}, 60_000)
afterAll(async () => {
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('openledger adapter train, register --on-chain and lineage', () => {
  let dir: string
  let sha256: string

  it('trains an adapter on the accepted rows, with training.json, and says what to run next', async () => {
    const result = await cli('adapter', 'train', '--datanet', trained, ...TRAIN, '--name', 'frog')
    expect(result.code).toBe(0)
    dir = join(home, 'adapters', 'frog')
    // Not a terminal: plain progress lines on stderr, the result on stdout.
    expect(result.stderr).toMatch(/^step 1\/10 {2}loss \d+\.\d{4} {2}eval loss –\n/)
    expect(result.stderr).toMatch(/step 10\/10 {2}loss \d+\.\d{4} {2}eval loss \d+\.\d{4}\n$/)
    const match = new RegExp(
      `^Trained adapter ${dir}\\n {2}sha256 {14}(0x[0-9a-f]{64})\\n {2}rows {16}${rows.length} \\(datanet ${trained}\\)\\n`,
    ).exec(result.stdout)
    expect(match).not.toBeNull()
    sha256 = match![1]!
    expect(result.stdout).toMatch(
      /\n {2}held-out loss {7}\d+\.\d{4} base → \d+\.\d{4} best\n {2}steps {15}10\n/,
    )
    expect(result.stdout).toMatch(`\nNext: openledger adapter register ${dir}\n`)
    const training = JSON.parse(readFileSync(join(dir, 'training.json'), 'utf8'))
    expect(training).toMatchObject({ adapterSha256: sha256, seed: 7, stepsRun: 10 })
    expect(training.rowIds).toHaveLength(rows.length)
    expect(training.datanets).toEqual([
      { chainId: 31337, registry: expect.stringMatching(/^0x/), datanetId: trained },
    ])
    expect(existsSync(join(dir, 'adapter_model.safetensors'))).toBe(true)
  })

  it('registers the lineage on-chain, skipping the host when none answers', async () => {
    const result = await cli('adapter', 'register', dir, '--on-chain', ...dev(2))
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(
      new RegExp(
        `^No lora-host answers at http://127\\.0\\.0\\.1:1; skipped registering with a host\\.\\nRegistered lineage of adapter ${sha256} on-chain\\n {2}creator {13}${address(2)}\\n {2}training rows root {2}0x[0-9a-f]{64}\\n {2}rows {16}${rows.length}\\n {2}tx {18}0x[0-9a-f]{64}\\n$`,
      ),
    )
    expectOneLineError(
      await cli('adapter', 'register', dir, '--on-chain', ...dev(2)),
      new RegExp(`^error: .*${sha256.slice(2, 10)}.*already registered`, 'i'),
    )
  })

  it('prints the lineage and verifies the folder against the chain; an unknown adapter is one line', async () => {
    const result = await cli('adapter', 'lineage', sha256, '--verify', dir)
    expect(result.stderr).toBe('')
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines.slice(0, 7)).toEqual([
      `Adapter ${sha256}`,
      `  creator             ${address(2)}`,
      expect.stringMatching(/^ {2}base model {10}0x[0-9a-f]{64}$/),
      expect.stringMatching(/^ {2}training rows root {2}0x[0-9a-f]{64}$/),
      `  rows                ${rows.length}`,
      `  datanets            ${trained}`,
      expect.stringMatching(/^ {2}registered at {7}\d{4}-\d\d-\d\dT/),
    ])
    expect(lines.slice(7)).toEqual([
      '  revoked             no',
      `  uri                 file://${dir}`,
      `Verified ${dir}: its files are registered, trained on the ${rows.length} rows of its training.json, not revoked.`,
    ])
    expectOneLineError(
      await cli('adapter', 'lineage', `0x${'ab'.repeat(32)}`),
      new RegExp(`^error: Adapter 0x${'ab'.repeat(32)} is not registered\\.$`),
    )
  })

  it('refuses rank 0 and a datanet with no accepted rows in one line', async () => {
    expectOneLineError(
      await cli('adapter', 'train', '--datanet', trained, ...TRAIN, '--rank', '0'),
      /^error: Invalid fine-tune: rank must be an integer from 1 to 16 \(the host's maximum\)\.$/,
    )
    expectOneLineError(
      await cli('adapter', 'train', '--datanet', empty, ...TRAIN),
      new RegExp(`^error: Nothing to train on: datanet ${empty} has no accepted rows\\.$`),
    )
  })
})
