import { proposeResolveChallenge } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { parseIntegerIn } from '../../options.js'
import { SlashDecisionError } from './errors.js'
import { parseChallengeId } from './parsers.js'

type SlashOptions = KeyCommandOptions & { uphold?: boolean; bps?: number; reject?: boolean }

/** The one decision `slash` was given: upheld with a slash in bps, or rejected. */
function decisionOf(options: SlashOptions): { upheld: boolean; slashBps: number } {
  const upheld = options.uphold === true
  if (upheld === (options.reject === true) || (upheld && options.bps === undefined))
    throw new SlashDecisionError()
  return { upheld, slashBps: options.bps ?? 0 }
}

/** `openledger slash <challengeId> (--uphold --bps <n> | --reject)`: proposes the resolution to the Safe. */
export function slashCommand(program: Command, context: Context): void {
  withKey(
    program.command('slash').argument('<challengeId>', 'the challenge', parseChallengeId),
    'proposing owner key',
  )
    .description('Propose resolving a challenge to the treasury Safe (upheld: slash and jail; rejected).')
    .option('--uphold', 'uphold the challenge: slash the stakers by --bps and jail the agent')
    .option('--bps <n>', 'the slash, in basis points (1-10000), with --uphold', parseIntegerIn(1, 10_000))
    .option('--reject', 'reject the challenge: the bond goes to the treasury')
    .action(async (challengeId: bigint, options: SlashOptions) => {
      const { upheld, slashBps } = decisionOf(options)
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const proposerKey = resolveKey(context, options, connection.chainId, 'proposer')
      const { safeTxHash, nonce } = await withStore(context, (store) =>
        proposeResolveChallenge(connection, store, {
          infrastructure: manifest.safe,
          safeAddress: manifest.treasurySafe.address,
          contracts: manifest.contracts,
          proposerKey,
          challengeId,
          upheld,
          slashBps,
        }),
      )
      const what = upheld
        ? `upholding challenge ${challengeId} (slash ${slashBps} bps)`
        : `rejecting challenge ${challengeId}`
      context.io.out(
        `Proposed ${safeTxHash} (nonce ${nonce}), ${what}; signed 1 of ${manifest.treasurySafe.threshold}.`,
      )
      context.io.out(
        `Next: other owners run \`openledger safe sign ${safeTxHash}\`, then \`openledger safe execute ${safeTxHash}\`.`,
      )
    })
}
