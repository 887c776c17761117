import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { feesBalanceCommand } from './balance.js'
import { feesDepositCommand } from './deposit.js'
import { feesRequestWithdrawalCommand } from './requestWithdrawal.js'
import { feesWithdrawCommand } from './withdraw.js'

/** `openledger fees deposit|request-withdrawal|withdraw|balance`: prepaid OPEN in the FeeRouter. */
export function feesCommand(program: Command, context: Context): void {
  const fees = program
    .command('fees')
    .description('Prepaid OPEN in the FeeRouter, charged for agent calls when epochs settle.')
  feesDepositCommand(fees, context)
  feesRequestWithdrawalCommand(fees, context)
  feesWithdrawCommand(fees, context)
  feesBalanceCommand(fees, context)
}
