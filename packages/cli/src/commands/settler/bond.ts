import { depositSettlerBond, getSettlementState, withdrawSettlerBond } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parsePositiveOpen } from '../../options.js'
import { settlerAccount } from './settlerAccount.js'

const KEY_HELP = 'settler key (devnet default: dev account 9)'

/** `openledger settler bond <amountOPEN>`: adds to the settler's bond, approving OPEN first if needed. */
export function settlerBondCommand(settler: Command, context: Context): void {
  withKey(settler.command('bond').argument('<amountOPEN>', 'OPEN to add', parsePositiveOpen), KEY_HELP)
    .description(
      "Add OPEN to the settler's FeeRouter bond (approving OPEN first if needed): a settler posts epochs only while it holds the minimum.",
    )
    .action(async (amount: bigint, options: KeyCommandOptions) => {
      const { connection, manifest, account } = await settlerAccount(context, options)
      const { hash, bond } = await depositSettlerBond(connection, manifest.contracts, { account, amount })
      const { minSettlerBond } = await getSettlementState(connection, manifest.contracts)
      context.io.out(
        `Bonded ${formatOpen(amount)} for ${account.address} in ${hash}; its bond is now ${formatOpen(bond)} (minimum ${formatOpen(minSettlerBond)}).`,
      )
    })
}

/** `openledger settler unbond <amountOPEN>`: takes bond back (not while its epoch is pending). */
export function settlerUnbondCommand(settler: Command, context: Context): void {
  withKey(
    settler.command('unbond').argument('<amountOPEN>', 'OPEN to take back', parsePositiveOpen),
    KEY_HELP,
  )
    .description("Take OPEN back from the settler's bond; refused while an epoch it posted is pending.")
    .action(async (amount: bigint, options: KeyCommandOptions) => {
      const { connection, manifest, account } = await settlerAccount(context, options)
      const { hash, bond } = await withdrawSettlerBond(connection, manifest.contracts, { account, amount })
      context.io.out(
        `Unbonded ${formatOpen(amount)} to ${account.address} in ${hash}; its bond is now ${formatOpen(bond)}.`,
      )
    })
}
