import { stake } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parsePositiveOpen } from '../../options.js'
import { parseAgentId } from './parsers.js'
import { signer } from './signer.js'

/** `openledger stake <agentId> <amountOPEN>`: stakes on an agent, approving OPEN first if needed. */
export function stakeCommand(program: Command, context: Context): void {
  withKey(
    program
      .command('stake')
      .argument('<agentId>', 'the agent', parseAgentId)
      .argument('<amountOPEN>', 'OPEN to stake', parsePositiveOpen),
    'staker key',
  )
    .description(
      'Stake OPEN on an agent (approving OPEN first if the allowance is short); prints the position.',
    )
    .action(async (agentId: bigint, amount: bigint, options: KeyCommandOptions) => {
      const { connection, manifest, account } = await signer(context, options, 'staker')
      const { hash, position } = await stake(connection, manifest.contracts, { account, agentId, amount })
      context.io.out(
        `Staked ${formatOpen(amount)} on agent ${agentId} in ${hash}; ${account.address} now has ${formatOpen(position.active)} active.`,
      )
    })
}
