import type { Command } from 'commander'
import type { Address } from 'viem'
import { type Context, withStore } from '../../context.js'
import { parseAddress } from '../../options.js'
import { loadGateway } from './loadGateway.js'

/** `openledger apikey create --account <address> [--label]`: a key, shown once (only its hash is kept). */
export function apikeyCreateCommand(apikey: Command, context: Context): void {
  apikey
    .command('create')
    .description('Create a key bound to a prepaid account; prints the key once (only its hash is kept).')
    .requiredOption('--account <address>', 'the prepaid account (FeeRouter balance) it charges', parseAddress)
    .option('--label <text>', 'a note to tell keys apart')
    .action(async (options: { account: Address; label?: string }) => {
      const { createApiKey } = await loadGateway()
      const key = await withStore(context, (store) =>
        createApiKey(store, { account: options.account, label: options.label }),
      )
      context.io.out(`Created API key ${key.id} for ${key.account}${key.label ? ` (${key.label})` : ''}:`)
      context.io.out(key.secret)
      context.io.out('It is shown only now: keep it. Send it as `Authorization: Bearer <key>`.')
    })
}
