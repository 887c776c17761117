import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { feesAuthorizeCommand } from './authorize.js'
import { feesBalanceCommand } from './balance.js'
import { feesDepositCommand } from './deposit.js'
import { feesRequestWithdrawalCommand } from './requestWithdrawal.js'
import { feesWithdrawCommand } from './withdraw.js'

/** `openledger fees deposit|authorize|request-withdrawal|withdraw|balance`: prepaid OPEN in the FeeRouter. */
export function feesCommand(program: Command, context: Context): void {
  const fees = program
    .command('fees')
    .description(
      'Prepaid OPEN in the FeeRouter, charged for agent calls when epochs settle, within the cap the payer authorises.',
    )
  feesDepositCommand(fees, context)
  feesAuthorizeCommand(fees, context)
  feesRequestWithdrawalCommand(fees, context)
  feesWithdrawCommand(fees, context)
  feesBalanceCommand(fees, context)
}
