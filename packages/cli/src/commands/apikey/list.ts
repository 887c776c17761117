import type { Command } from 'commander'
import type { Address } from 'viem'
import { type Context, withStore } from '../../context.js'
import { parseAddress } from '../../options.js'
import { loadGateway } from './loadGateway.js'

/** `openledger apikey list [--account <address>]`: a line per key, never its secret. */
export function apikeyListCommand(apikey: Command, context: Context): void {
  apikey
    .command('list')
    .description('List the keys (never their secrets).')
    .option('--account <address>', 'only the keys of this account', parseAddress)
    .action(async (options: { account?: Address }) => {
      const { listApiKeys } = await loadGateway()
      const keys = await withStore(context, (store) =>
        listApiKeys(store, options.account ? { account: options.account } : {}),
      )
      if (keys.length === 0)
        context.io.out('No API keys. Create one with `openledger apikey create --account <address>`.')
      for (const key of keys)
        context.io.out(
          [
            key.id,
            key.account,
            key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active',
            `created ${key.createdAt.toISOString()}`,
            key.label ?? '',
          ]
            .join('  ')
            .trimEnd(),
        )
    })
}
