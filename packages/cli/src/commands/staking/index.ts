import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { agentCommand } from './agentRegister.js'
import { challengeCommand } from './challenge.js'
import { rewardsCommand } from './rewards.js'
import { slashCommand } from './slash.js'
import { stakeCommand } from './stake.js'
import { unstakeCommand } from './unstake.js'
import { withdrawCommand } from './withdraw.js'

/**
 * The staking commands, at the top level as users type them: `stake`, `unstake`, `withdraw`, `rewards`,
 * `challenge`, `slash`, and `agent register`.
 */
export function stakingCommands(program: Command, context: Context): void {
  stakeCommand(program, context)
  unstakeCommand(program, context)
  withdrawCommand(program, context)
  rewardsCommand(program, context)
  challengeCommand(program, context)
  slashCommand(program, context)
  agentCommand(program, context)
}
