import { assertDevnetChain, DEV_MNEMONIC, DEVNET_CHAIN_ID, isDevKey } from '@openledger/chain'
import type { LocalAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { ProvisionInputError } from '../errors.js'
import type { ProvisionStackParameters } from '../types.js'
import { agentAccount } from './agentAccount.js'

const HINT =
  'pass agentKeys or agentKeySeed (the CLI: a keystore agent-<package id>, or OPENLEDGER_AGENT_SEED)'

/**
 * Each package's own account, before anything changes: its key from `agentKeys`, else derived from
 * `agentKeySeed`, else (devnet only) from the public dev mnemonic. Off the devnet's chain id (the connected
 * chain's) a missing agent key, the dev mnemonic as the seed, or any dev mnemonic key among the agent keys and
 * `accounts` is a `DevnetOnlyError`; two agents sharing a key, or an agent holding a role's key, is a
 * `ProvisionInputError` (each agent's Safe delegate must be its own).
 *
 * @example
 * const accounts = resolveAgentAccounts({ ...parameters, agentKeySeed: process.env.OPENLEDGER_AGENT_SEED })
 * accounts.get('ai-wallet')?.address
 */
export function resolveAgentAccounts(
  parameters: Pick<
    ProvisionStackParameters,
    'connection' | 'packages' | 'accounts' | 'agentKeys' | 'agentKeySeed'
  >,
): Map<string, LocalAccount> {
  const { chainId } = parameters.connection
  const { agentKeys = {}, agentKeySeed } = parameters
  // Deriving the dev keys to compare with takes a second: only off the devnet, where they are refused.
  const devKey = (key: string) => chainId !== DEVNET_CHAIN_ID && isDevKey(key)
  if (agentKeySeed === DEV_MNEMONIC) assertDevnetChain(chainId, 'agentKeySeed (the dev mnemonic)', HINT)
  const accounts = new Map<string, LocalAccount>()
  const holders = new Map<string, string>(
    Object.entries(parameters.accounts).map(([role, key]) => [
      privateKeyToAccount(key).address,
      `accounts.${role}`,
    ]),
  )
  for (const { id } of parameters.packages) {
    const key = agentKeys[id]
    if (key !== undefined && devKey(key)) assertDevnetChain(chainId, `agentKeys.${id} (a dev account)`, HINT)
    if (key === undefined && agentKeySeed === undefined)
      assertDevnetChain(chainId, `agent ${id}'s default key`, HINT)
    const account =
      key !== undefined ? privateKeyToAccount(key) : agentAccount(id, agentKeySeed ?? DEV_MNEMONIC)
    const holder = holders.get(account.address)
    if (holder !== undefined)
      throw new ProvisionInputError(
        `agentKeys.${id}`,
        `is ${holder}'s key too (${account.address}); each agent's Safe delegate must be its own key`,
      )
    holders.set(account.address, `agent ${id}`)
    accounts.set(id, account)
  }
  for (const [role, key] of Object.entries(parameters.accounts))
    if (devKey(key)) assertDevnetChain(chainId, `accounts.${role} (a dev account)`, 'pass keys of your own')
  return accounts
}
