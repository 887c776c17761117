import { keccak256, type LocalAccount, stringToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/**
 * An agent's own account, derived from a secret seed and the package id: the same seed and id give the same
 * key on every run and every restart, so a restarted stack finds its agents again, and two packages never
 * share a key. The seed is the operator's secret (`OPENLEDGER_AGENT_SEED`); only on the devnet may it be the
 * public dev mnemonic (`resolveAgentAccounts` checks that).
 *
 * @example
 * const account = agentAccount('ai-wallet', process.env.OPENLEDGER_AGENT_SEED!)
 */
export function agentAccount(packageId: string, seed: string): LocalAccount {
  return privateKeyToAccount(keccak256(stringToHex(`openledger/agent-account/v1\n${seed}\n${packageId}`)))
}
