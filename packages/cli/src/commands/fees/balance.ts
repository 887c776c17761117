import { getChargeCap, getFeeBalance } from '@openledger/staking'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf } from '../../context.js'
import { formatOpen, formatPeriod, formatUnixTime } from '../../format.js'
import { parseAddress } from '../../options.js'

/**
 * `openledger fees balance [--account <address>]`: total, pending withdrawal, what calls may spend, and the
 * charge cap with what settlement may charge now.
 */
export function feesBalanceCommand(fees: Command, context: Context): void {
  withKey(fees.command('balance'), 'payer key')
    .description(
      'Show a prepaid fee balance: total, pending withdrawal, what calls may still spend, and the charge cap.',
    )
    .option('--account <address>', 'whose balance (default: the key’s address)', parseAddress)
    .action(async (options: KeyCommandOptions & { account?: Address }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const account =
        options.account ??
        privateKeyToAccount(resolveKey(context, options, connection.chainId, 'payer')).address
      const [fee, cap] = await Promise.all([
        getFeeBalance(connection, manifest.contracts, { account }),
        getChargeCap(connection, manifest.contracts, { payer: account }),
      ])
      const pending =
        fee.pendingWithdrawal > 0n
          ? `, ${formatOpen(fee.pendingWithdrawal)} pending withdrawal (unlocks ${formatUnixTime(fee.unlocksAt)})`
          : ''
      context.io.out(
        `Prepaid fees of ${account}: ${formatOpen(fee.balance)}${pending}, ${formatOpen(fee.spendable)} spendable.`,
      )
      context.io.out(
        cap.perPeriod === 0n
          ? 'Charges not authorised: nothing can be charged (`openledger fees authorize --per-period <OPEN>`).'
          : `Charge cap: ${formatOpen(cap.perPeriod)} per ${formatPeriod(cap.period)}, ${formatOpen(cap.chargeable)} chargeable now.`,
      )
    })
}
