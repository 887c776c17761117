import { getPayoutClaim } from '@openledger/settlement'
import { claimContributorReward } from '@openledger/staking'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseAddress } from '../../options.js'

/** `openledger claim [--account <address>]`: a data contributor's rewards, with the ledger's proof. */
export function claimCommand(program: Command, context: Context): void {
  withKey(program.command('claim'), 'key that sends the claim (anyone may claim for a contributor)')
    .description(
      "Claim a data contributor's rewards from FeeRouter, with the proof from the settlement ledger.",
    )
    .option('--account <address>', "whose rewards (default: the key's own address)", parseAddress)
    .action(async (options: KeyCommandOptions & { account?: Address }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const sender = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'claimer'))
      const beneficiary = options.account ?? sender.address
      const ledger = { chainId: connection.chainId, feeRouter: manifest.contracts.FeeRouter }
      const claim = await withStore(context, (store) => getPayoutClaim(store, ledger, beneficiary))
      if (!claim) {
        context.io.out(`${beneficiary} has earned nothing as a contributor in a settled epoch yet.`)
        return
      }
      const { amount, hash } = await claimContributorReward(connection, manifest.contracts, {
        account: sender,
        beneficiary,
        cumulative: claim.cumulative,
        proof: claim.proof,
      })
      context.io.out(
        `Claimed ${formatOpen(amount)} for ${beneficiary} in ${hash} (${formatOpen(claim.cumulative)} earned through epoch ${claim.epoch}).`,
      )
    })
}
