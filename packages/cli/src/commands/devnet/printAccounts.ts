import type { DevnetServer } from '@openledger/chain'
import type { Context } from '../../context.js'

/** Prints the devnet's funded accounts and their keys, with the warning they deserve. */
export function printAccounts(context: Context, server: DevnetServer): void {
  context.io.out('Accounts (from the public dev mnemonic: never send them real value):')
  for (const [i, a] of server.devnet.accounts.entries())
    context.io.out(`  (${i}) ${a.address}  ${a.privateKey}`)
}
