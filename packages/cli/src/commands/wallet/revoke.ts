import { revokeDelegate } from '@openledger/tools'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { parseAddress } from '../../options.js'
import { stackModule } from './stackModule.js'

type RevokeOptions = KeyCommandOptions & { safe: Address; module?: Address }

/** `openledger wallet revoke <delegate> --safe <address>`: removes an agent key from a user's Safe. */
export function walletRevokeCommand(wallet: Command, context: Context): void {
  withKey(
    wallet.command('revoke').argument('<delegate>', "the agent's address", parseAddress),
    'Safe owner key',
  )
    .description(
      "Remove an agent's key and all its allowances from a user's Safe in one owners' step (executed at once when one owner's signature is enough), ahead of any pending proposal.",
    )
    .requiredOption('--safe <address>', "the user's Safe", parseAddress)
    .option(
      '--module <address>',
      'the SpendingLimitModule (default: the one this stack deployed)',
      parseAddress,
    )
    .action(async (delegate: Address, options: RevokeOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const ownerKey = resolveKey(context, options, connection.chainId, 'owner')
      const module = options.module ?? stackModule(context, connection.chainId, manifest.contracts.OpenToken)
      const { safeTxHash, txHash, threshold } = await withStore(context, (store) =>
        revokeDelegate(connection, store, {
          infrastructure: manifest.safe,
          safe: options.safe,
          module,
          delegate,
          ownerKey,
        }),
      )
      context.io.out(
        txHash
          ? `Revoked ${delegate} on Safe ${options.safe} in ${txHash}: it can spend nothing from it any more.`
          : `Proposed ${safeTxHash}, revoking ${delegate} on Safe ${options.safe}; signed 1 of ${threshold}. Next: other owners run \`openledger safe sign ${safeTxHash}\`, then \`openledger safe execute ${safeTxHash}\`.`,
      )
    })
}
