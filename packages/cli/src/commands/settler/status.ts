import { getSettlementState, getSettlerBond, isSettler } from '@openledger/staking'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf } from '../../context.js'
import { formatDuration, formatOpen, formatUnixTime } from '../../format.js'
import { parseAddress } from '../../options.js'
import { DEVNET_SETTLER } from '../settlement/settlerFor.js'

/** `openledger settler status [--account <address>]`: role, bond against the minimum, the pending epoch. */
export function settlerStatusCommand(settler: Command, context: Context): void {
  withKey(settler.command('status'), 'settler key (devnet default: dev account 9)')
    .description("Show a settler's role and bond, the dispute window and the pending epoch.")
    .option('--account <address>', "whose (default: the key's address)", parseAddress)
    .action(async (options: KeyCommandOptions & { account?: Address }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const account =
        options.account ??
        privateKeyToAccount(resolveKey(context, options, connection.chainId, 'settler', DEVNET_SETTLER))
          .address
      const [state, bond, appointed] = await Promise.all([
        getSettlementState(connection, manifest.contracts),
        getSettlerBond(connection, manifest.contracts, { settler: account }),
        isSettler(connection, manifest.contracts, { account }),
      ])
      const role = appointed ? 'appointed' : 'not appointed (the treasury Safe appoints settlers)'
      const short = bond < state.minSettlerBond ? ': below it, it cannot post' : ''
      context.io.out(
        `Settler ${account}: ${role}; bond ${formatOpen(bond)} (minimum ${formatOpen(state.minSettlerBond)}${short}).`,
      )
      const { pending } = state
      context.io.out(
        pending
          ? `Epoch ${pending.epoch} is pending (posted by ${pending.settler}, ${formatOpen(pending.charged)} charged); it can be vetoed until ${formatUnixTime(pending.finalizesAt)}, then finalised.`
          : `No epoch is pending; ${state.lastEpoch} posted so far; the dispute window is ${formatDuration(state.disputeWindow)}.`,
      )
    })
}
