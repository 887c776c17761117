import { withdrawFees } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parsePositiveOpen } from '../../options.js'
import { payer } from './payer.js'

/** `openledger fees withdraw <amountOPEN>`: withdraws prepaid OPEN whose request has unlocked. */
export function feesWithdrawCommand(fees: Command, context: Context): void {
  withKey(
    fees.command('withdraw').argument('<amountOPEN>', 'OPEN to withdraw', parsePositiveOpen),
    'payer key',
  )
    .description('Withdraw prepaid OPEN whose withdrawal request has unlocked.')
    .action(async (amount: bigint, options: KeyCommandOptions) => {
      const { connection, manifest, account } = await payer(context, options)
      const { hash } = await withdrawFees(connection, manifest.contracts, { account, amount })
      context.io.out(`Withdrew ${formatOpen(amount)} of prepaid fees to ${account.address} in ${hash}.`)
    })
}
