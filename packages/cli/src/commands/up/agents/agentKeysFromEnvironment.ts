import { assertDevnetChain, DEV_MNEMONIC, hasKeystore, readKeystoreKey } from '@openledger/chain'
import type { Hex } from 'viem'
import type { Context } from '../../../context.js'
import { keystorePassword } from '../../keys/keystorePassword.js'

/** The example agents `up` provisions (their packages load lazily, with LangChain; their ids do not). */
export const UP_AGENT_IDS = ['defi-assistant', 'ai-wallet'] as const

export type AgentKeys = { agentKeys: Record<string, Hex>; agentKeySeed?: string }

/**
 * Each agent's key source for provisioning: the keystore `<home>/keys/agent-<id>.json` (opened with
 * OPENLEDGER_KEYSTORE_PASSWORD), else OPENLEDGER_AGENT_SEED; with neither, the public dev mnemonic, which
 * only the devnet's chain id (the connected chain's) allows: elsewhere a one-line `DevnetOnlyError`, before
 * `up` deploys or starts anything else.
 *
 * @example
 * const keys = agentKeysFromEnvironment(context, connection.chainId, UP_AGENT_IDS)
 * await provisionStack({ ...parameters, ...keys })
 */
export function agentKeysFromEnvironment(
  context: Context,
  chainId: number,
  packageIds: readonly string[],
): AgentKeys {
  const home = context.env.OPENLEDGER_HOME
  const seed = context.env.OPENLEDGER_AGENT_SEED
  if (seed === DEV_MNEMONIC)
    assertDevnetChain(chainId, 'OPENLEDGER_AGENT_SEED (the dev mnemonic)', 'pick a secret')
  const agentKeys: Record<string, Hex> = {}
  for (const id of packageIds) {
    const name = `agent-${id}`
    if (hasKeystore(home, name))
      agentKeys[id] = readKeystoreKey(home, name, keystorePassword(context, `open keystore ${name}`))
    else if (seed === undefined)
      assertDevnetChain(
        chainId,
        `agent ${id}'s default key`,
        `create its own with \`openledger keys create ${name}\` or set OPENLEDGER_AGENT_SEED`,
      )
  }
  return seed === undefined ? { agentKeys } : { agentKeys, agentKeySeed: seed }
}
