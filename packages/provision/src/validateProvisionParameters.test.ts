import { devAccounts } from '@openledger/chain'
import { describe, expect, test } from 'vitest'
import { devnetProvisionAccounts } from './devnetProvisionAccounts.js'
import { storyPackage } from './testing/storyPackage.js'
import type { ProvisionStackParameters } from './types.js'
import { validateProvisionParameters } from './validateProvisionParameters.js'

/** Derived once: deriving the 10 dev keys from the mnemonic takes about half a second each time. */
const accounts = devnetProvisionAccounts(devAccounts(10))
const valid = (): ProvisionStackParameters =>
  ({
    connection: { chainId: 31337 },
    manifest: { chainId: 31337 },
    store: {},
    home: '/tmp/openledger-home',
    host: { limits: { maxRank: 16 } },
    client: {},
    packages: [storyPackage()],
    accounts,
  }) as unknown as ProvisionStackParameters

const messageOf = (parameters: ProvisionStackParameters) => {
  try {
    validateProvisionParameters(parameters)
  } catch (error) {
    return `${(error as Error).name}: ${(error as { shortMessage: string }).shortMessage}`
  }
  return 'valid'
}

describe('validateProvisionParameters', () => {
  test('accepts the test package', () => {
    expect(messageOf(valid())).toBe('valid')
  })

  test('names the field that does not hold', () => {
    const story = storyPackage()
    expect(messageOf({ ...valid(), manifest: { chainId: 1 } as never })).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: manifest is for chain 1, the connection to chain 31337."`,
    )
    expect(messageOf({ ...valid(), packages: [] })).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: packages must list at least one agent package."`,
    )
    expect(messageOf({ ...valid(), packages: [story, story] })).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: packages[1].id repeats story-teller."`,
    )
    expect(
      messageOf({
        ...valid(),
        packages: [story, storyPackage({ id: 'other', adapter: 'story-teller-answer' })],
      }),
    ).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: packages[1].adapters.answer.name story-teller-answer is also story-teller (answer)'s."`,
    )
    expect(
      messageOf({ ...valid(), packages: [{ ...story, datanet: { ...story.datanet, license: 'WTFPL-9' } }] }),
    ).toMatch(/^ProvisionInputError: Cannot provision: packages\[0\]\.datanet\.license/)
    expect(
      messageOf({ ...valid(), packages: [{ ...story, adapters: { answer: { name: 'a/b', steps: 1 } } }] }),
    ).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: packages[0].adapters.answer.name must be letters, digits, ".", "_" or "-" (a folder name)."`,
    )
    expect(messageOf({ ...valid(), accounts: { ...valid().accounts, user: '0x12' } })).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: accounts.user must be a private key (32 bytes of hex)."`,
    )
    expect(messageOf({ ...valid(), trainingSteps: 0 })).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: trainingSteps must be a positive integer or a function, got 0."`,
    )
    expect(messageOf({ ...valid(), training: { rank: 64 } })).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: training.rank must be an integer from 1 to 16 (the host's maximum)."`,
    )
    expect(messageOf({ ...valid(), demoCaller: { delegates: ['nobody'] } })).toMatchInlineSnapshot(
      `"ProvisionInputError: Cannot provision: demoCaller.delegates names nobody, which is not a package id."`,
    )
  })

  test('a rows file that is not there: the package and the file', () => {
    expect(
      messageOf({ ...valid(), packages: [storyPackage({ rowsFile: '/nowhere/rows.jsonl' })] }),
    ).toMatchInlineSnapshot(
      `"SeedRowsNotFoundError: Agent package story-teller: its datanet's rows file /nowhere/rows.jsonl cannot be read."`,
    )
    expect(messageOf({ ...valid(), packages: [storyPackage({ rowsFile: 'rows.jsonl' })] })).toMatch(
      /^SeedRowsNotFoundError: .*rows file rows\.jsonl/,
    )
  })
})
