import type { Command } from 'commander'
import { type Context, withStore } from '../../context.js'
import { loadGateway } from './loadGateway.js'

/** `openledger apikey revoke <id>`: the gateway refuses the key from the next request. */
export function apikeyRevokeCommand(apikey: Command, context: Context): void {
  apikey
    .command('revoke')
    .description('Revoke a key: the gateway refuses it from the next request.')
    .argument('<id>', 'the key id (key_…), as `apikey list` shows it')
    .action(async (id: string) => {
      const { revokeApiKey } = await loadGateway()
      const key = await withStore(context, (store) => revokeApiKey(store, id))
      context.io.out(`Revoked API key ${key.id} of ${key.account} (${key.revokedAt!.toISOString()}).`)
    })
}
