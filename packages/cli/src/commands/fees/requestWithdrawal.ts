import { requestFeeWithdrawal } from '@openledger/staking'
import type { Command } from 'commander'
import { formatEther } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen, formatUnixTime } from '../../format.js'
import { parsePositiveOpen } from '../../options.js'
import { payer } from './payer.js'

/** `openledger fees request-withdrawal <amountOPEN>`: starts the withdrawal delay; says when it unlocks. */
export function feesRequestWithdrawalCommand(fees: Command, context: Context): void {
  withKey(
    fees.command('request-withdrawal').argument('<amountOPEN>', 'OPEN to withdraw later', parsePositiveOpen),
    'payer key',
  )
    .description('Request to withdraw prepaid OPEN after the withdrawal delay; prints when it unlocks.')
    .action(async (amount: bigint, options: KeyCommandOptions) => {
      const { connection, manifest, account } = await payer(context, options)
      const { unlocksAt } = await requestFeeWithdrawal(connection, manifest.contracts, { account, amount })
      context.io.out(
        `Requested a withdrawal of ${formatOpen(amount)} for ${account.address}; withdraw from ${formatUnixTime(unlocksAt)} with \`openledger fees withdraw ${formatEther(amount)}\`.`,
      )
    })
}
