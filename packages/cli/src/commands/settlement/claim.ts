import { getPayoutClaim } from '@openledger/settlement'
import { claimContributorRewards } from '@openledger/staking'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseAddress } from '../../options.js'

/**
 * `openledger claim [--account <address>]`: a data contributor's rewards of every final epoch it has not
 * claimed, in one transaction, with the ledger's proofs.
 */
export function claimCommand(program: Command, context: Context): void {
  withKey(program.command('claim'), 'key that sends the claim (anyone may claim for a contributor)')
    .description(
      "Claim a data contributor's rewards from FeeRouter: every final epoch not claimed yet, in one transaction, with the proofs from the settlement ledger.",
    )
    .option('--account <address>', "whose rewards (default: the key's own address)", parseAddress)
    .action(async (options: KeyCommandOptions & { account?: Address }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const sender = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'claimer'))
      const beneficiary = options.account ?? sender.address
      const ledger = { chainId: connection.chainId, feeRouter: manifest.contracts.FeeRouter }
      const claims = await withStore(context, (store) =>
        getPayoutClaim(store, ledger, beneficiary, { connection }),
      )
      if (claims.length === 0) {
        context.io.out(`${beneficiary} has nothing to claim: no final epoch pays it that it has not claimed.`)
        return
      }
      const { amount, epochs, hash } = await claimContributorRewards(connection, manifest.contracts, {
        account: sender,
        beneficiary,
        claims,
      })
      const which = epochs.length === 1 ? `epoch ${epochs[0]}` : `epochs ${epochs.join(', ')}`
      context.io.out(`Claimed ${formatOpen(amount)} for ${beneficiary} in ${hash} (${which}).`)
    })
}
