import { depositFees, getFeeBalance, requestFeeWithdrawal, withdrawFees } from '@openledger/staking'
import type { Command } from 'commander'
import { type Address, formatEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { withKey } from '../commonOptions.js'
import { type Context, connectDeployment, type KeyOptions, resolveKey, rpcUrlOf } from '../context.js'
import { formatOpen, formatUnixTime } from '../format.js'
import { parseAddress } from '../options.js'
import { parsePositiveOpen } from './staking.js'

type KeyCommon = KeyOptions & { rpcUrl?: string }

async function payer(context: Context, options: KeyCommon) {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
  const account = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'payer'))
  return { connection, manifest, account }
}

/** `openledger fees deposit|request-withdrawal|withdraw|balance`: prepaid OPEN in the FeeRouter. */
export function feesCommand(program: Command, context: Context): void {
  const fees = program
    .command('fees')
    .description('Prepaid OPEN in the FeeRouter, charged for agent calls when epochs settle.')

  withKey(fees.command('deposit').argument('<amountOPEN>', 'OPEN to deposit', parsePositiveOpen), 'payer key')
    .description(
      "Deposit OPEN into the key's prepaid fee balance, or --for another account's (approving OPEN first if needed).",
    )
    .option('--for <address>', 'whose balance to credit (default: the key’s address)', parseAddress)
    .action(async (amount: bigint, options: KeyCommon & { for?: Address }) => {
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
    })

  withKey(
    fees.command('request-withdrawal').argument('<amountOPEN>', 'OPEN to withdraw later', parsePositiveOpen),
    'payer key',
  )
    .description('Request to withdraw prepaid OPEN after the withdrawal delay; prints when it unlocks.')
    .action(async (amount: bigint, options: KeyCommon) => {
      const { connection, manifest, account } = await payer(context, options)
      const { unlocksAt } = await requestFeeWithdrawal(connection, manifest.contracts, { account, amount })
      context.io.out(
        `Requested a withdrawal of ${formatOpen(amount)} for ${account.address}; withdraw from ${formatUnixTime(unlocksAt)} with \`openledger fees withdraw ${formatEther(amount)}\`.`,
      )
    })

  withKey(
    fees.command('withdraw').argument('<amountOPEN>', 'OPEN to withdraw', parsePositiveOpen),
    'payer key',
  )
    .description('Withdraw prepaid OPEN whose withdrawal request has unlocked.')
    .action(async (amount: bigint, options: KeyCommon) => {
      const { connection, manifest, account } = await payer(context, options)
      const { hash } = await withdrawFees(connection, manifest.contracts, { account, amount })
      context.io.out(`Withdrew ${formatOpen(amount)} of prepaid fees to ${account.address} in ${hash}.`)
    })

  withKey(fees.command('balance'), 'payer key')
    .description('Show a prepaid fee balance: total, pending withdrawal and what calls may still spend.')
    .option('--account <address>', 'whose balance (default: the key’s address)', parseAddress)
    .action(async (options: KeyCommon & { account?: Address }) => {
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
