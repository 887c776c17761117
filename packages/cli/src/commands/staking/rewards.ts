import { claimRewards } from '@openledger/staking'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseAddress } from '../../options.js'
import { parseAgentId } from './parsers.js'
import { printPosition } from './printPosition.js'

type RewardsOptions = KeyCommandOptions & { staker?: Address; claim?: boolean }

/** `openledger rewards <agentId> [--staker] [--claim]`: a position and the agent's fee yield; claims on ask. */
export function rewardsCommand(program: Command, context: Context): void {
  withKey(program.command('rewards').argument('<agentId>', 'the agent', parseAgentId), 'staker key')
    .description("Show a staker's position, pending reward and the agent's fee yield; claim with --claim.")
    .option('--staker <address>', 'whose position to show (default: the key’s address)', parseAddress)
    .option('--claim', 'claim the pending reward (signed by the key)')
    .action(async (agentId: bigint, options: RewardsOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      let staker = options.staker
      // The key is needed only to claim, or to name the staker when --staker does not.
      if (options.claim || !staker) {
        const account = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'staker'))
        staker ??= account.address
        if (options.claim) {
          const { amount, hash } = await claimRewards(connection, manifest.contracts, { account, agentId })
          context.io.out(`Claimed ${formatOpen(amount)} of rewards from agent ${agentId} in ${hash}.`)
        }
      }
      await printPosition(context, connection, manifest, agentId, staker)
    })
}
