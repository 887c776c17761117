import { DEV_MNEMONIC, devAccounts } from '@openledger/chain'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { devnetProvisionAccounts } from '../devnetProvisionAccounts.js'
import type { ProvisionAccounts, ProvisionStackParameters } from '../types.js'
import { agentAccount } from './agentAccount.js'
import { resolveAgentAccounts } from './resolveAgentAccounts.js'

type ResolveParameters = Parameters<typeof resolveAgentAccounts>[0]
const packages = [
  { id: 'defi-assistant' },
  { id: 'ai-wallet' },
] as unknown as ProvisionStackParameters['packages']
const freshAccounts = (): ProvisionAccounts => ({
  deployer: generatePrivateKey(),
  liquidity: generatePrivateKey(),
  funder: generatePrivateKey(),
  staker: generatePrivateKey(),
  curator: generatePrivateKey(),
  user: generatePrivateKey(),
})
const on = (chainId: number, rest: Partial<ResolveParameters> = {}): ResolveParameters =>
  ({ connection: { chainId }, packages, accounts: freshAccounts(), ...rest }) as ResolveParameters

const refusal = (parameters: ResolveParameters) => {
  try {
    resolveAgentAccounts(parameters)
  } catch (error) {
    return `${(error as Error).name}: ${(error as { shortMessage: string }).shortMessage}`
  }
  return 'resolved'
}

describe('resolveAgentAccounts', () => {
  test('on the devnet, without keys, derives each agent from the dev mnemonic, as before', () => {
    const accounts = resolveAgentAccounts({
      ...on(31337),
      accounts: devnetProvisionAccounts(devAccounts(10)),
    })
    expect(accounts.get('ai-wallet')?.address).toBe(agentAccount('ai-wallet', DEV_MNEMONIC).address)
    expect(accounts.get('defi-assistant')?.address).not.toBe(accounts.get('ai-wallet')?.address)
  })

  test('off the devnet, without a key, refuses in one line naming the agent, the chain and where keys come from', () => {
    const message = refusal(on(1337))
    expect(message).toMatchInlineSnapshot(
      `"DevnetOnlyError: agent defi-assistant's default key is public (from the dev mnemonic): devnet only (chain 31337), and this chain is 1337; pass agentKeys or agentKeySeed (the CLI: a keystore agent-<package id>, or OPENLEDGER_AGENT_SEED)."`,
    )
    expect(message).not.toContain('\n')
    // One agent's key is not enough: the other still has none.
    expect(refusal(on(1337, { agentKeys: { 'defi-assistant': generatePrivateKey() } }))).toMatch(
      /^DevnetOnlyError: agent ai-wallet's default key/,
    )
  })

  test('off the devnet, refuses the dev mnemonic as the seed, a dev key as an agent key, and dev keys for roles', () => {
    expect(refusal(on(1, { agentKeySeed: DEV_MNEMONIC }))).toMatch(
      /^DevnetOnlyError: agentKeySeed \(the dev mnemonic\)/,
    )
    const devKey = devAccounts(12)[11]!.privateKey
    expect(refusal(on(1, { agentKeySeed: 'secret', agentKeys: { 'ai-wallet': devKey } }))).toMatch(
      /^DevnetOnlyError: agentKeys\.ai-wallet \(a dev account\)/,
    )
    const roles = devnetProvisionAccounts(devAccounts(10))
    expect(refusal(on(1, { agentKeySeed: 'secret', accounts: roles }))).toMatch(
      /^DevnetOnlyError: accounts\.deployer \(a dev account\) is public .* this chain is 1; pass keys of your own\.$/,
    )
  })

  test('off the devnet, takes keys (a keystore’s) first and derives the rest from the operator’s seed', () => {
    const walletKey = generatePrivateKey()
    const accounts = resolveAgentAccounts(
      on(8453, { agentKeys: { 'ai-wallet': walletKey }, agentKeySeed: 'op secret' }),
    )
    expect(accounts.get('ai-wallet')?.address).toBe(privateKeyToAddress(walletKey))
    expect(accounts.get('defi-assistant')?.address).toBe(agentAccount('defi-assistant', 'op secret').address)
  })

  test('refuses two agents on one key, and an agent on a role’s key: each delegate is its own key', () => {
    const shared = generatePrivateKey()
    expect(refusal(on(1, { agentKeys: { 'defi-assistant': shared, 'ai-wallet': shared } }))).toMatch(
      /^ProvisionInputError: Cannot provision: agentKeys\.ai-wallet is agent defi-assistant's key too \(0x[0-9a-fA-F]{40}\); each agent's Safe delegate must be its own key\.$/,
    )
    const roles = freshAccounts()
    expect(
      refusal(on(1, { accounts: roles, agentKeySeed: 's', agentKeys: { 'ai-wallet': roles.user } })),
    ).toMatch(/agentKeys\.ai-wallet is accounts\.user's key too/)
  })
})
