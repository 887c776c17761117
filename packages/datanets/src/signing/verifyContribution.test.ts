import { devAccounts } from '@openledger/chain'
import { hashTypedData, type LocalAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { contentHashOf } from '../content/contentHashOf.js'
import { contributionTypedData } from './contributionTypedData.js'
import { signContribution } from './signContribution.js'
import { verifyContribution } from './verifyContribution.js'

const [alice, mallory] = devAccounts(10)
  .slice(8)
  .map((a) => privateKeyToAccount(a.privateKey)) as [LocalAccount, LocalAccount]
const datanet = {
  chainId: 31337,
  registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  datanetId: 1n,
} as const
const content = { kind: 'text', text: 'Lily saw a big red ball.' } as const
const contentHash = contentHashOf(content)
const claim = { datanet, contentHash, license: 'CC-BY-4.0', contributor: alice.address }

describe('signContribution / verifyContribution', () => {
  it('accepts the contributor’s own signature and returns the checksummed contributor', async () => {
    const signature = await signContribution(alice, { datanet, content, license: 'cc-by-4.0' })
    expect(await verifyContribution({ ...claim, signature })).toBe(alice.address)
    const lower = alice.address.toLowerCase() as `0x${string}`
    expect(await verifyContribution({ ...claim, contributor: lower, signature })).toBe(alice.address)
    expect(await signContribution(alice, { datanet, contentHash, license: 'CC-BY-4.0' })).toBe(signature)
  })

  it('signs the documented domain and type', () => {
    const typed = contributionTypedData(datanet, {
      contentHash,
      license: 'CC-BY-4.0',
      contributor: alice.address,
    })
    expect(typed.domain).toEqual({
      name: 'OpenLedger Datanets',
      version: '1',
      chainId: 31337,
      verifyingContract: datanet.registry,
    })
    expect(hashTypedData(typed)).toMatch(/^0x[0-9a-f]{64}$/)
  })

  it.each([
    ['another key', mallory, {}],
    ['another chain id', alice, { datanet: { ...datanet, chainId: 1 } }],
    ['another datanet', alice, { datanet: { ...datanet, datanetId: 2n } }],
    ['another registry', alice, { datanet: { ...datanet, registry: mallory.address } }],
    ['another license', alice, { license: 'CC0-1.0' }],
    ['other content', alice, { content: { kind: 'text', text: 'Lily saw a big blue ball.' } as const }],
  ] as const)(
    'refuses a signature by %s, naming claimed and recovered signers',
    async (_, signer, change) => {
      const signature = await signContribution(signer, { datanet, content, license: 'CC-BY-4.0', ...change })
      const error = await verifyContribution({ ...claim, signature }).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'InvalidContributionSignatureError', claimed: alice.address })
      const { recovered } = error as { recovered: string }
      expect(recovered).toMatch(/^0x[0-9a-fA-F]{40}$/)
      expect(recovered).not.toBe(alice.address)
    },
  )

  it('names the real signer of a contribution forged in another’s name', async () => {
    const typed = contributionTypedData(datanet, {
      contentHash,
      license: 'CC-BY-4.0',
      contributor: alice.address,
    })
    const signature = await mallory.signTypedData(typed)
    await expect(verifyContribution({ ...claim, signature })).rejects.toMatchObject({
      name: 'InvalidContributionSignatureError',
      claimed: alice.address,
      recovered: mallory.address,
    })
  })

  it('explains the refusal', async () => {
    const typed = contributionTypedData(datanet, {
      contentHash,
      license: 'CC-BY-4.0',
      contributor: alice.address,
    })
    const signature = await mallory.signTypedData(typed)
    const error = (await verifyContribution({ ...claim, signature }).catch((e: unknown) => e)) as Error
    expect(error.message).toMatchInlineSnapshot(`
      "Contribution signature recovers to 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720, not to the claimed contributor 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f.

      The contributor must sign the EIP-712 Contribution for datanet 1 (registry 0x5FbDB2315678afecb367f032d93F642f64180aa3, chain 31337): its content hash and license.
      A signature made for another chain, registry, datanet, content or license recovers to another address."
    `)
  })

  it('refuses a malformed signature', async () => {
    for (const signature of ['0x', '0x1234', `0x${'00'.repeat(65)}`] as const)
      await expect(verifyContribution({ ...claim, signature })).rejects.toMatchObject({
        name: 'InvalidContributionSignatureError',
      })
  })
})
