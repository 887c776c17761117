import { requestUnstake } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen, formatUnixTime } from '../../format.js'
import { parsePositiveOpen } from '../../options.js'
import { parseAgentId } from './parsers.js'
import { signer } from './signer.js'

/** `openledger unstake <agentId> <amountOPEN>`: starts unbonding; says when to withdraw. */
export function unstakeCommand(program: Command, context: Context): void {
  withKey(
    program
      .command('unstake')
      .argument('<agentId>', 'the agent', parseAgentId)
      .argument('<amountOPEN>', 'OPEN to unstake', parsePositiveOpen),
    'staker key',
  )
    .description('Request to unstake OPEN from an agent; prints when it can be withdrawn.')
    .action(async (agentId: bigint, amount: bigint, options: KeyCommandOptions) => {
      const { connection, manifest, account } = await signer(context, options, 'staker')
      const { position } = await requestUnstake(connection, manifest.contracts, { account, agentId, amount })
      context.io.out(
        `Unbonding ${formatOpen(position.unbonding)} from agent ${agentId}; withdraw from ${formatUnixTime(position.unbondingEnds)} with \`openledger withdraw ${agentId}\`.`,
      )
    })
}
