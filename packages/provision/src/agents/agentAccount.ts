import { DEV_MNEMONIC } from '@openledger/chain'
import { keccak256, type LocalAccount, stringToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/**
 * An agent's own account, derived from a secret and the package id: the same seed and id give the same key on
 * every run and every restart, so a restarted stack finds its agents again. Default seed: the public dev
 * mnemonic (its keys are public: devnet only).
 *
 * @example
 * const account = agentAccount('ai-wallet') // the same address on every devnet
 */
export function agentAccount(packageId: string, seed: string = DEV_MNEMONIC): LocalAccount {
  return privateKeyToAccount(keccak256(stringToHex(`openledger/agent-account/v1\n${seed}\n${packageId}`)))
}
