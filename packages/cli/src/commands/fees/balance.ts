import { getFeeBalance } from '@openledger/staking'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf } from '../../context.js'
import { formatOpen, formatUnixTime } from '../../format.js'
import { parseAddress } from '../../options.js'

/** `openledger fees balance [--account <address>]`: total, pending withdrawal and what calls may spend. */
export function feesBalanceCommand(fees: Command, context: Context): void {
  withKey(fees.command('balance'), 'payer key')
    .description('Show a prepaid fee balance: total, pending withdrawal and what calls may still spend.')
    .option('--account <address>', 'whose balance (default: the key’s address)', parseAddress)
    .action(async (options: KeyCommandOptions & { account?: Address }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const account =
        options.account ??
        privateKeyToAccount(resolveKey(context, options, connection.chainId, 'payer')).address
      const fee = await getFeeBalance(connection, manifest.contracts, { account })
      const pending =
        fee.pendingWithdrawal > 0n
          ? `, ${formatOpen(fee.pendingWithdrawal)} pending withdrawal (unlocks ${formatUnixTime(fee.unlocksAt)})`
          : ''
      context.io.out(
        `Prepaid fees of ${account}: ${formatOpen(fee.balance)}${pending}, ${formatOpen(fee.spendable)} spendable.`,
      )
    })
}
