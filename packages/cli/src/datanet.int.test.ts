import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DevnetServer, startDevnetServer } from '@openledger/chain'
import { sharedModelsDir } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runCli } from './testing/runCli.js'

const max =
  'Once upon a time, there was a little dog named Max. Max liked to dig holes in the garden and found an old bone.'
const kite = 'Mia had a purple kite with a long yellow tail. She ran across the field and the kite rose high.'
const farmer = 'The old farmer had a cow named Daisy. Daisy gave the sweetest milk in the whole valley.'

let server: DevnetServer
let home: string
let env: Record<string, string>
let id: string
const rowIds: Record<string, string> = {}

const cli = (...args: string[]) => runCli(args, env)
const dev = (n: number) => ['--dev-account', String(n)]
const address = (n: number) => server.devnet.accounts[n]!.address
const rowIdIn = (stdout: string) => /row (0x[0-9a-f]{64})/.exec(stdout)?.[1]

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-datanet-'))
  env = { OPENLEDGER_HOME: home, RPC_URL: server.url, OPENLEDGER_MODELS_DIR: sharedModelsDir }
  expect((await cli('deploy')).code).toBe(0)
})
afterAll(async () => {
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('openledger datanet and attribution', () => {
  it('creates a datanet and takes signed rows, counting a duplicate once', async () => {
    const created = await cli('datanet', 'create', '--license', 'cc-by-4.0', '--name', 'stories', ...dev(0))
    expect(created.stdout).toMatch(`(curator ${address(0)}, license CC-BY-4.0)`)
    id = /^Created datanet (\d+) /.exec(created.stdout)![1]!
    const contributions = [
      { key: 'max', args: ['--text', max], account: 1 },
      {
        key: 'boat',
        args: ['--prompt', 'Who had a boat?', '--completion', 'Tim had a small blue boat.'],
        account: 2,
      },
      { key: 'kite', args: ['--text', kite], account: 3 },
    ]
    for (const { key, args, account } of contributions) {
      const result = await cli('datanet', 'contribute', id, ...args, '--license', 'MIT', ...dev(account))
      expect(result.stdout).toMatch(
        new RegExp(`^New row 0x[0-9a-f]{64} from ${address(account)}, pending review\\.`),
      )
      rowIds[key] = rowIdIn(result.stdout)!
    }
    const again = await cli('datanet', 'contribute', id, '--text', max, '--license', 'MIT', ...dev(1))
    expect(again.stdout).toMatch(
      /^Duplicate: row 0x[0-9a-f]{64} was already contributed .* not counted again\./,
    )
    expect(rowIdIn(again.stdout)).toBe(rowIds.max)
  })

  it('imports JSONL all or nothing (naming the bad lines), or partially, and CSV', async () => {
    const jsonl = join(home, 'rows.jsonl')
    const lines = [
      JSON.stringify({ text: farmer }),
      '{"text": "unterminated',
      JSON.stringify({ prompt: 'Who found the key?', completion: 'Jack found a tiny key in the sand.' }),
      JSON.stringify({ text: '   ' }),
    ]
    writeFileSync(jsonl, `${lines.join('\n')}\n`)
    expectOneLineError(
      await cli('datanet', 'import', id, jsonl, ...dev(4)),
      /nothing imported; bad lines 2, 4 \(line 2: not JSON/,
    )
    const partial = await cli('datanet', 'import', id, jsonl, '--partial', ...dev(4))
    expect(partial.stdout).toMatch(
      /^Imported 2 rows, 0 duplicates, 2 invalid \(lines 2, 4\)\.\n {2}line 2: not JSON/,
    )
    const csv = join(home, 'rows.csv')
    writeFileSync(
      csv,
      `text,license\n"${farmer}",\n"Sam built a rocket, painted it silver, and flew past the moon.",CC0-1.0\n`,
    )
    expect((await cli('datanet', 'import', id, csv, ...dev(4))).stdout).toBe(
      'Imported 1 row, 1 duplicate, 0 invalid.\n',
    )
  })

  it('lets only the curator review, and wants a reason to reject', async () => {
    const pending = (await cli('datanet', 'rows', id, '--status', 'pending')).stdout.trim().split('\n')
    expect(pending).toHaveLength(6)
    const idOf = (text: string) => pending.find((line) => line.includes(text))!.slice(0, 66)
    expect(idOf('Once upon a time')).toBe(rowIds.max)
    expectOneLineError(
      await cli('datanet', 'review', id, rowIds.max!, '--accept', ...dev(1)),
      new RegExp(`^error: ${address(1)} is not the curator of datanet ${id} .*; ${address(0)} is\\.$`),
    )
    expectOneLineError(
      await cli('datanet', 'review', id, rowIds.max!, '--reject', ...dev(0)),
      /needs a reason/,
    )
    const spam = idOf('Who found the key?')
    const accept = pending.map((line) => line.slice(0, 66)).filter((rowId) => rowId !== spam)
    const accepted = await cli('datanet', 'review', id, ...accept, '--accept', ...dev(0))
    expect(accepted.stdout.match(/^Accepted row /gm)).toHaveLength(5)
    const rejected = await cli('datanet', 'review', id, spam, '--reject', '--reason', 'off topic', ...dev(0))
    expect(rejected.stdout).toBe(`Rejected row ${spam} (contributor ${address(4)}): off topic.\n`)
    const all = (await cli('datanet', 'rows', id)).stdout
    expect(all.match(/ {2}accepted /g)).toHaveLength(5)
    expect(all).toMatch(`${spam}  rejected  ${address(4)}  Who found the key? ⏎ Jack found`)
  })

  it('commits the accepted rows in one batch and verifies every proof on-chain', async () => {
    const committed = await cli('datanet', 'commit', id, ...dev(0))
    expect(committed.stderr).toBe('')
    expect(committed.stdout).toMatch(
      new RegExp(`^Committed batch 0 of datanet ${id}:\n {2}root {2}0x[0-9a-f]{64}\n`),
    )
    expect(committed.stdout).toMatch(
      /\n {2}rows {2}5\n {2}tx {4}0x[0-9a-f]{64}\nVerified on-chain: the registry accepts the proof of every row \(5\)/,
    )
  })

  it('searches by meaning: the row whose text is the query comes first', async () => {
    const result = await cli('datanet', 'search', id, kite, '--k', '3')
    expect(result.stderr).toBe('')
    const hits = result.stdout.trimEnd().split('\n')
    expect(hits).toHaveLength(3)
    expect(hits[0]).toMatch(
      new RegExp(`^ 1\\. (1\\.0000|0\\.99\\d\\d) {2}${rowIds.kite} {2}${address(3)} {2}Mia had`),
    )
  })

  it('explains a copied text: the span marked, its contributor the largest share; else no evidence', async () => {
    const copied = await cli(
      'attribution',
      'explain',
      'Here is what I know. Max liked to dig holes in the garden and found an old bone. The end.',
      '--datanet',
      id,
    )
    expect(copied.stderr).toBe('')
    const [answer, heading, first] = copied.stdout.split('\n')
    expect(answer).toMatch(
      /^Here is what I know.*\[\[.*Max liked to dig holes in the garden and found an old bone\.\]\] The end\.$/,
    )
    expect(heading).toMatch(/^Contributors \(\d+ matched spans?\):$/)
    expect(first).toMatch(
      new RegExp(`^ {2}${address(1)} +\\d+\\.\\d{2}% {2}\\d+ / 1e18 {2}rows ${rowIds.max}`),
    )
    const unrelated = await cli(
      'attribution',
      'explain',
      'Purple elephants quietly debated quantum economics on Tuesday.',
      '--datanet',
      id,
    )
    expect(unrelated.stdout).toMatch(
      /^Purple elephants quietly debated quantum economics on Tuesday\.\nNo evidence: /,
    )
  })

  it('refuses bad input in one line', async () => {
    const contribute = (datanet: string, text: string, license = 'MIT') =>
      cli('datanet', 'contribute', datanet, '--text', text, '--license', license, ...dev(5))
    expectOneLineError(await contribute(id, ''), /^error: The row's text is empty\.$/)
    expectOneLineError(
      await contribute(id, 'A fine row.', 'WTFPL'),
      /unknown license "WTFPL"; accepted: CC0-1.0, /,
    )
    expectOneLineError(
      await contribute(id, 'x'.repeat(17_000)),
      /^error: The row has 17000 bytes; the limit is 16384\.$/,
    )
    expectOneLineError(
      await contribute('99', 'A fine row.'),
      /^error: Unknown datanet 99 \(registry 0x[0-9a-fA-F]{40}, chain 31337\)\.$/,
    )
  })
})
