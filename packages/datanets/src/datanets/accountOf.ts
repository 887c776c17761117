import type { Account, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/** A viem account, or a private key turned into one. */
export function accountOf(account: Account | Hex): Account {
  return typeof account === 'string' ? privateKeyToAccount(account) : account
}
