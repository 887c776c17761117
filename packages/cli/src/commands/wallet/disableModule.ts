import { disableSpendingLimit } from '@openledger/tools'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { parseAddress } from '../../options.js'
import { stackModule } from './stackModule.js'

type DisableModuleOptions = KeyCommandOptions & { safe: Address; module?: Address }

/**
 * `openledger wallet disable-module --safe <address>`: ends every agent key's delegation on a user's Safe for
 * good and disables the spending limit module, in one owners' step.
 */
export function walletDisableModuleCommand(wallet: Command, context: Context): void {
  withKey(wallet.command('disable-module'), 'Safe owner key')
    .description(
      "End every agent key's allowances on a user's Safe for good and disable the spending limit module, in one owners' step (executed at once when one owner's signature is enough), ahead of any pending proposal. Re-enabling the module later revives none of them.",
    )
    .requiredOption('--safe <address>', "the user's Safe", parseAddress)
    .option(
      '--module <address>',
      'the SpendingLimitModule (default: the one this stack deployed)',
      parseAddress,
    )
    .action(async (options: DisableModuleOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const ownerKey = resolveKey(context, options, connection.chainId, 'owner')
      const module = options.module ?? stackModule(context, connection.chainId, manifest.contracts.OpenToken)
      const { safeTxHash, txHash, threshold, wasEnabled } = await withStore(context, (store) =>
        disableSpendingLimit(connection, store, {
          infrastructure: manifest.safe,
          safe: options.safe,
          module,
          ownerKey,
        }),
      )
      const what = wasEnabled
        ? 'ended every delegation and disabled the spending limit module'
        : 'ended every delegation (the module was already disabled)'
      context.io.out(
        txHash
          ? `Safe ${options.safe}: ${what} in ${txHash}. No agent key can spend from it, even if the module is enabled again.`
          : `Proposed ${safeTxHash} for Safe ${options.safe}: ${what}; signed 1 of ${threshold}. Next: other owners run \`openledger safe sign ${safeTxHash}\`, then \`openledger safe execute ${safeTxHash}\`.`,
      )
    })
}
