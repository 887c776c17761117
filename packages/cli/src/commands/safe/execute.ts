import { executeSafeTransaction } from '@openledger/chain'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { parseSafeTxHash } from '../../options.js'

/** `openledger safe execute <safeTxHash>`: executes a proposal that has enough signatures. */
export function safeExecuteCommand(safe: Command, context: Context): void {
  withKey(safe.command('execute').argument('<safeTxHash>', 'the proposal', parseSafeTxHash), 'gas payer key')
    .description('Execute a treasury Safe transaction that has enough signatures.')
    .action(async (safeTxHash: Hex, options: KeyCommandOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      // Any funded account may pay for execution; on the devnet, dev account 0 by default.
      const executorKey = resolveKey(context, options, connection.chainId, 'executor', 0)
      const { txHash, gasUsed } = await withStore(context, (store) =>
        executeSafeTransaction(connection, store, { infrastructure: manifest.safe, safeTxHash, executorKey }),
      )
      context.io.out(`Executed ${safeTxHash} in ${txHash} (gas ${gasUsed}).`)
    })
}
