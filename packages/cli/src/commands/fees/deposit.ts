import { depositFees, getChargeCap, getFeeBalance } from '@openledger/staking'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseAddress, parsePositiveOpen } from '../../options.js'
import { payer } from './payer.js'

/** `openledger fees deposit <amountOPEN> [--for <address>]`: credits a prepaid fee balance. */
export function feesDepositCommand(fees: Command, context: Context): void {
  withKey(fees.command('deposit').argument('<amountOPEN>', 'OPEN to deposit', parsePositiveOpen), 'payer key')
    .description(
      "Deposit OPEN into the key's prepaid fee balance, or --for another account's (approving OPEN first if needed).",
    )
    .option('--for <address>', 'whose balance to credit (default: the key’s address)', parseAddress)
    .action(async (amount: bigint, options: KeyCommandOptions & { for?: Address }) => {
      const { connection, manifest, account } = await payer(context, options)
      const beneficiary = options.for ?? account.address
      const { hash } = await depositFees(connection, manifest.contracts, {
        account,
        amount,
        beneficiary: options.for,
      })
      const { balance } = await getFeeBalance(connection, manifest.contracts, { account: beneficiary })
      context.io.out(
        `Deposited ${formatOpen(amount)} for ${beneficiary} in ${hash}; its prepaid balance is now ${formatOpen(balance)}.`,
      )
      const { perPeriod } = await getChargeCap(connection, manifest.contracts, { payer: beneficiary })
      if (perPeriod === 0n)
        context.io.out(
          `${beneficiary} has not authorised charges: nothing can be charged and gateways do not serve it until it runs \`openledger fees authorize --per-period <OPEN>\`.`,
        )
    })
}
