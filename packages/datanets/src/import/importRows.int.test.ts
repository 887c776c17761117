import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentHashOf } from '../content/contentHashOf.js'
import { listRows } from '../rows/listRows.js'
import { contributionTypedData } from '../signing/contributionTypedData.js'
import { signContribution } from '../signing/signContribution.js'
import { contributeText } from '../testing/contributeText.js'
import { type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import type { Datanet } from '../types.js'
import { type ImportProgress, importRows } from './importRows.js'

let env: DatanetTestEnv
beforeAll(async () => {
  env = await datanetTestEnv()
})
afterAll(() => env?.cleanup())

let files = 0
const file = (name: string, lines: string[]) => {
  const path = join(env.directory, `${++files}-${name}`)
  writeFileSync(path, lines.join('\n'))
  return path
}
const json = (value: object) => JSON.stringify(value)
const count = async (datanet: Datanet) => (await listRows(env.store, { datanet })).length

describe('importRows from JSONL', () => {
  it('imports text and prompt/completion rows signed by the signer, with progress, and dedups re-imports', async () => {
    const datanet = await env.newDatanet({ license: 'CC0-1.0' })
    const path = file('seed.jsonl', [
      json({ text: 'Lily saw a big red ball.' }),
      json({ prompt: 'What did Lily see?', completion: 'A big red ball.', license: 'MIT' }),
      '',
      json({ text: 'Tom liked to eat apples.', id: 3 }),
      json({ text: 'Lily saw a big red ball.' }),
    ])
    const progress: ImportProgress[] = []
    const result = await importRows(env.store, {
      datanet,
      file: path,
      signer: env.alice,
      onProgress: (p) => progress.push(p),
    })
    expect(result).toMatchObject({ imported: 3, duplicates: 1, invalid: [] })
    expect(result.rowIds[0]).toBe(result.rowIds[3])
    const rows = await listRows(env.store, { datanet })
    expect(rows.map((r) => [r.content.kind, r.license, r.contributor, r.status]).sort()).toEqual([
      ['prompt_completion', 'MIT', env.alice.address, 'pending'],
      ['text', 'CC0-1.0', env.alice.address, 'pending'],
      ['text', 'CC0-1.0', env.alice.address, 'pending'],
    ])
    expect(progress.filter((p) => p.phase === 'checking').map((p) => p.done)).toEqual([1, 2, 3, 4])
    expect(progress.at(-1)).toEqual({ phase: 'storing', done: 4, total: 4 })

    const again = await importRows(env.store, { datanet, file: path, signer: env.alice })
    expect(again).toMatchObject({ imported: 0, duplicates: 4 })
    expect(await count(datanet)).toBe(3)
  })

  it('imports rows pre-signed by their contributors, no signer needed', async () => {
    const datanet = await env.newDatanet()
    const lines = []
    for (const [who, text] of [
      [env.alice, 'Alice wrote this one.'],
      [env.bob, 'Bob wrote that one.'],
    ] as const) {
      const content = { kind: 'text', text } as const
      const signature = await signContribution(who, { datanet, content, license: 'CC-BY-4.0' })
      lines.push(json({ text, contributor: who.address.toLowerCase(), signature }))
    }
    expect(await importRows(env.store, { datanet, file: file('signed.jsonl', lines) })).toMatchObject({
      imported: 2,
    })
    expect((await listRows(env.store, { datanet })).map((r) => r.contributor).sort()).toEqual(
      [env.alice.address, env.bob.address].sort(),
    )
  })

  it('is all or nothing by default: every bad line is named by number, nothing is stored', async () => {
    const datanet = await env.newDatanet()
    await contributeText(env.store, datanet, env.bob, 'Bob was here first.')
    const mallory = privateKeyToAccount(generatePrivateKey())
    const content = { kind: 'text', text: 'Forged in Alice’s name.' } as const
    const forged = await mallory.signTypedData(
      contributionTypedData(datanet, {
        contentHash: contentHashOf(content),
        license: 'CC-BY-4.0',
        contributor: env.alice.address,
      }),
    )
    const otherChain = await signContribution(env.alice, {
      datanet: { ...datanet, chainId: 1 },
      content: { kind: 'text', text: 'Signed for chain 1.' },
      license: 'CC-BY-4.0',
    })
    const path = file('bad.jsonl', [
      json({ text: 'A good line.' }),
      '{"text": "broken',
      json({ text: '   ' }),
      json({ text: 'x'.repeat(300) }),
      json({ text: 'Fine but licensed oddly.', license: 'CC-BY-NC-4.0' }),
      json({ text: content.text, contributor: env.alice.address, signature: forged }),
      json({ text: 'Signed for chain 1.', contributor: env.alice.address, signature: otherChain }),
      json({ text: 'Bob was here first.' }),
      json({ text: 'Unsigned, for Bob.', contributor: env.bob.address }),
      json({ prompt: 'Q' }),
      json({ text: 'Another good line.' }),
    ])
    const error = await importRows(env.store, {
      datanet,
      file: path,
      signer: env.alice,
      limits: { maxBytes: 256 },
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ImportRowsError', file: path })
    expect((error as { lines: { line: number }[] }).lines.map((l) => l.line)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
    expect(
      (error as Error).message.replace(path, 'bad.jsonl').replace(/0x[0-9a-fA-F]{40,64}/g, '0x…'),
    ).toMatchInlineSnapshot(`
      "bad.jsonl: 9 bad lines (2, 3, 4, 5, 6, 7, 8, 9, 10); nothing was imported.

      line 2: not JSON (Unterminated string in JSON at position 16)
      line 3: The row's text is empty.
      line 4: The row has 300 bytes; the limit is 256.
      line 5: Unknown license "CC-BY-NC-4.0".
      line 6: Contribution signature recovers to 0x…, not to the claimed contributor 0x….
      line 7: Contribution signature recovers to 0x…, not to the claimed contributor 0x….
      line 8: Row 0x… was already contributed by 0x…; 0x… cannot contribute it again.
      line 9: The row is unsigned and names contributor 0x…; only they can sign it, not 0x….
      line 10: "completion" is missing
      Fix them, or import with \`partial: true\` to keep the good lines."
    `)
    expect(await count(datanet)).toBe(1)

    const partial = await importRows(env.store, {
      datanet,
      file: path,
      signer: env.alice,
      limits: { maxBytes: 256 },
      partial: true,
    })
    expect(partial).toMatchObject({ imported: 2, duplicates: 0 })
    expect(partial.invalid.map((l) => [l.line, (l.error as Error | undefined)?.name])).toEqual([
      [2, 'SyntaxError'],
      [3, 'EmptyRowError'],
      [4, 'RowTooLargeError'],
      [5, 'UnknownLicenseError'],
      [6, 'InvalidContributionSignatureError'],
      [7, 'InvalidContributionSignatureError'],
      [8, 'DuplicateRowError'],
      [9, 'UnsignedRowError'],
      [10, 'ZodError'],
    ])
    expect(await count(datanet)).toBe(3)
  })

  it('refuses unsigned rows without a signer, and files it cannot read', async () => {
    const datanet = await env.newDatanet()
    await expect(
      importRows(env.store, { datanet, file: file('u.jsonl', [json({ text: 'x' })]) }),
    ).rejects.toMatchObject({
      name: 'ImportRowsError',
      lines: [{ line: 1 }],
    })
    await expect(importRows(env.store, { datanet, file: file('rows.txt', []) })).rejects.toMatchObject({
      name: 'ImportFormatError',
    })
    await expect(
      importRows(env.store, { datanet, file: join(env.directory, 'missing.jsonl') }),
    ).rejects.toMatchObject({
      name: 'ImportFormatError',
    })
  })
})

describe('importRows from CSV', () => {
  it('imports good records and names malformed ones by line', async () => {
    const datanet = await env.newDatanet()
    const path = file('rows.csv', [
      'text,license,source',
      '"Lily saw a red ball, then a blue one.",,web',
      '"A quote ""inside"" and a',
      'newline",MIT,book',
      'bad "quote,MIT,x',
      ',MIT,empty',
      'too,many,fields,here',
      'Tom liked apples.,WTFPL,x',
      'The end.,,x',
    ])
    const error = await importRows(env.store, { datanet, file: path, signer: env.bob }).catch(
      (e: unknown) => e,
    )
    expect(
      (error as { lines: { line: number; message: string }[] }).lines.map((l) => [l.line, l.message]),
    ).toMatchInlineSnapshot(`
      [
        [
          5,
          "Invalid Opening Quote: a quote is found on field 0 at line 5, value is "bad "",
        ],
        [
          6,
          "The row's text is empty.",
        ],
        [
          7,
          "4 fields where the header has 3",
        ],
        [
          8,
          "Unknown license "WTFPL".",
        ],
      ]
    `)
    expect(await count(datanet)).toBe(0)
    const result = await importRows(env.store, { datanet, file: path, signer: env.bob, partial: true })
    expect(result).toMatchObject({ imported: 3 })
    expect((await listRows(env.store, { datanet })).map((r) => r.content)).toContainEqual({
      kind: 'text',
      text: 'A quote "inside" and a\nnewline',
    })
  })

  it('imports prompt/completion CSV', async () => {
    const datanet = await env.newDatanet()
    const path = file('qa.csv', ['prompt,completion', '"Q: 2+2?",4', '"Q: capital of France?",Paris'])
    expect(await importRows(env.store, { datanet, file: path, signer: env.bob })).toMatchObject({
      imported: 2,
    })
  })
})
