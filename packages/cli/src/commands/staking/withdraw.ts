import { withdraw } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseAgentId } from './parsers.js'
import { signer } from './signer.js'

/** `openledger withdraw <agentId>`: withdraws the staker's unbonded OPEN. */
export function withdrawCommand(program: Command, context: Context): void {
  withKey(program.command('withdraw').argument('<agentId>', 'the agent', parseAgentId), 'staker key')
    .description("Withdraw the staker's unbonded OPEN from an agent.")
    .action(async (agentId: bigint, options: KeyCommandOptions) => {
      const { connection, manifest, account } = await signer(context, options, 'staker')
      const { amount, hash } = await withdraw(connection, manifest.contracts, { account, agentId })
      context.io.out(`Withdrew ${formatOpen(amount)} from agent ${agentId} to ${account.address} in ${hash}.`)
    })
}
