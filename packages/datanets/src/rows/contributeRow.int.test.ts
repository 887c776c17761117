import type { LocalAccount } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentHashOf } from '../content/contentHashOf.js'
import { rowIdOf } from '../content/rowIdOf.js'
import { contributionTypedData } from '../signing/contributionTypedData.js'
import { signContribution } from '../signing/signContribution.js'
import { type Backend, type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import type { DatanetRef, RowContent } from '../types.js'
import { contributeRow } from './contributeRow.js'
import { listRows } from './listRows.js'

describe.each<Backend>(['sqlite', 'postgres'])('contributeRow (%s)', (backend) => {
  let env: DatanetTestEnv
  beforeAll(async () => {
    env = await datanetTestEnv(backend)
  })
  afterAll(() => env?.cleanup())

  const contribution = async (
    signer: LocalAccount,
    content: RowContent,
    options: { license?: string; signFor?: DatanetRef; datanet?: DatanetRef } = {},
  ) => {
    const datanet = options.datanet ?? env.datanet
    const license = options.license ?? 'CC-BY-4.0'
    const signature = await signContribution(signer, {
      datanet: options.signFor ?? datanet,
      content,
      license,
    })
    return { datanet, content, license, contributor: signer.address, signature }
  }
  const count = async (datanet: DatanetRef = env.datanet) => (await listRows(env.store, { datanet })).length

  it('stores a signed text row, pending, under its content-derived id', async () => {
    const content = { kind: 'text', text: 'Lily saw a big red ball in the park.' } as const
    const { row, created } = await contributeRow(
      env.store,
      await contribution(env.alice, content, { license: 'cc-by-4.0' }),
    )
    expect(created).toBe(true)
    const contentHash = contentHashOf(content)
    expect(row).toMatchObject({
      rowId: rowIdOf(env.datanet, contentHash),
      datanet: { chainId: 31337, registry: env.registry, datanetId: env.datanet.datanetId },
      contentHash,
      content,
      license: 'CC-BY-4.0',
      contributor: env.alice.address,
      status: 'pending',
      review: null,
      batch: null,
    })
  })

  it('stores prompt/completion rows', async () => {
    const content = {
      kind: 'prompt_completion',
      prompt: 'What did Lily see?',
      completion: 'A red ball.',
    } as const
    const { row } = await contributeRow(env.store, await contribution(env.bob, content))
    expect(row.content).toEqual(content)
  })

  it('never counts a duplicate twice: the same contributor gets the stored row back', async () => {
    const content = { kind: 'text', text: 'Tom liked to eat apples.' } as const
    const first = await contributeRow(env.store, await contribution(env.alice, content))
    const before = await count()
    const again = await contributeRow(env.store, await contribution(env.alice, content, { license: 'MIT' }))
    expect(again).toEqual({ row: first.row, created: false })
    expect(await count()).toBe(before)
  })

  it('keeps the first contributor of a content: a second one gets DuplicateRowError naming the first', async () => {
    const content = { kind: 'text', text: 'The sun was hot and the sky was blue.' } as const
    const { row } = await contributeRow(env.store, await contribution(env.alice, content))
    const before = await count()
    const error = await contributeRow(env.store, await contribution(env.bob, content)).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({
      name: 'DuplicateRowError',
      rowId: row.rowId,
      firstContributor: env.alice.address,
      contributor: env.bob.address,
    })
    expect(await count()).toBe(before)
  })

  it('treats the same content in another datanet as another row', async () => {
    const other = await env.newDatanet()
    const content = { kind: 'text', text: 'Tom liked to eat apples.' } as const
    const { row, created } = await contributeRow(
      env.store,
      await contribution(env.bob, content, { datanet: other }),
    )
    expect(created).toBe(true)
    expect(row.rowId).toBe(rowIdOf(other, contentHashOf(content)))
    expect(row.rowId).not.toBe(rowIdOf(env.datanet, contentHashOf(content)))
  })

  it('refuses a row signed by someone else, or for another chain or datanet, storing nothing', async () => {
    const content = { kind: 'text', text: 'A cat sat on the mat.' } as const
    const mallory = privateKeyToAccount(generatePrivateKey())
    const forged = {
      ...(await contribution(env.alice, content)),
      signature: await mallory.signTypedData(
        contributionTypedData(env.datanet, {
          contentHash: contentHashOf(content),
          license: 'CC-BY-4.0',
          contributor: env.alice.address,
        }),
      ),
    }
    const otherChain = await contribution(env.alice, content, { signFor: { ...env.datanet, chainId: 1 } })
    const otherDatanet = await contribution(env.alice, content, {
      signFor: { ...env.datanet, datanetId: env.datanet.datanetId + 1n },
    })
    const before = await count()
    await expect(contributeRow(env.store, forged)).rejects.toMatchObject({
      name: 'InvalidContributionSignatureError',
      claimed: env.alice.address,
      recovered: mallory.address,
    })
    for (const submitted of [otherChain, otherDatanet])
      await expect(contributeRow(env.store, submitted)).rejects.toMatchObject({
        name: 'InvalidContributionSignatureError',
        claimed: env.alice.address,
      })
    expect(await count()).toBe(before)
  })

  it('refuses unknown licenses, empty rows and rows over the size limit, storing nothing', async () => {
    const before = await count()
    const unlicensed = {
      ...(await contribution(env.alice, { kind: 'text', text: 'ok' })),
      license: 'CC-BY-NC-4.0',
    }
    await expect(contributeRow(env.store, unlicensed)).rejects.toMatchObject({
      name: 'UnknownLicenseError',
      license: 'CC-BY-NC-4.0',
    })
    const empty = {
      ...(await contribution(env.alice, { kind: 'text', text: 'x' })),
      content: { kind: 'text', text: ' \n' },
    } as const
    await expect(contributeRow(env.store, empty)).rejects.toMatchObject({
      name: 'EmptyRowError',
      field: 'text',
    })
    const big = await contribution(env.alice, { kind: 'text', text: 'word '.repeat(4000) })
    await expect(contributeRow(env.store, big)).rejects.toMatchObject({
      name: 'RowTooLargeError',
      size: 20_000,
    })
    await expect(contributeRow(env.store, { ...big, limits: { maxBytes: 10 } })).rejects.toMatchObject({
      limit: 10,
    })
    expect(await count()).toBe(before)
  })

  it('refuses a datanet the store does not know', async () => {
    const unknown = { ...env.datanet, datanetId: 999n }
    await expect(
      contributeRow(
        env.store,
        await contribution(env.alice, { kind: 'text', text: 'x' }, { datanet: unknown }),
      ),
    ).rejects.toMatchObject({ name: 'UnknownDatanetError' })
  })
})
