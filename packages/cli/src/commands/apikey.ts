import type { Command } from 'commander'
import type { Address } from 'viem'
import { type Context, withStore } from '../context.js'
import { parseAddress } from '../options.js'

/**
 * `openledger apikey create|list|revoke`: the gateway's API keys, each bound to the prepaid account its
 * answers are charged to. The key is printed once; the store keeps only its sha256.
 */
export function apikeyCommand(program: Command, context: Context): void {
  const apikey = program
    .command('apikey')
    .description("The gateway's API keys: each charges the paid answers it asks for to one prepaid account.")

  apikey
    .command('create')
    .description('Create a key bound to a prepaid account; prints the key once (only its hash is kept).')
    .requiredOption('--account <address>', 'the prepaid account (FeeRouter balance) it charges', parseAddress)
    .option('--label <text>', 'a note to tell keys apart')
    .action(async (options: { account: Address; label?: string }) => {
      const { createApiKey } = await gateway()
      const key = await withStore(context, (store) =>
        createApiKey(store, { account: options.account, label: options.label }),
      )
      context.io.out(`Created API key ${key.id} for ${key.account}${key.label ? ` (${key.label})` : ''}:`)
      context.io.out(key.secret)
      context.io.out('It is shown only now: keep it. Send it as `Authorization: Bearer <key>`.')
    })

  apikey
    .command('list')
    .description('List the keys (never their secrets).')
    .option('--account <address>', 'only the keys of this account', parseAddress)
    .action(async (options: { account?: Address }) => {
      const { listApiKeys } = await gateway()
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

  apikey
    .command('revoke')
    .description('Revoke a key: the gateway refuses it from the next request.')
    .argument('<id>', 'the key id (key_…), as `apikey list` shows it')
    .action(async (id: string) => {
      const { revokeApiKey } = await gateway()
      const key = await withStore(context, (store) => revokeApiKey(store, id))
      context.io.out(`Revoked API key ${key.id} of ${key.account} (${key.revokedAt!.toISOString()}).`)
    })
}

/** The gateway's API key functions, loaded when a command runs: the gateway brings LangChain along. */
const gateway = () => import('@openledger/gateway')
