import { challengeAgent } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'
import { evidenceHashOf } from './evidenceHashOf.js'
import { parseAgentId } from './parsers.js'
import { signer } from './signer.js'

/** `openledger challenge <agentId> --evidence <text|hash>`: opens a challenge, posting the bond. */
export function challengeCommand(program: Command, context: Context): void {
  withKey(program.command('challenge').argument('<agentId>', 'the agent', parseAgentId), 'challenger key')
    .description(
      'Challenge an agent (commit, then reveal in a later block), posting the challenge bond; prints the challenge id, bond and expiry.',
    )
    .requiredOption(
      '--evidence <text|hash>',
      'a 32-byte hash of the evidence, or text (hashed with keccak256)',
    )
    .action(async (agentId: bigint, options: KeyCommandOptions & { evidence: string }) => {
      const { connection, manifest, account } = await signer(context, options, 'challenger')
      const evidenceHash = evidenceHashOf(options.evidence)
      const { challengeId, bond, hash, expiresAt } = await challengeAgent(connection, manifest.contracts, {
        account,
        agentId,
        evidenceHash,
      })
      context.io.out(
        `Opened challenge ${challengeId} against agent ${agentId} (bond ${formatOpen(bond)}, evidence ${evidenceHash}) in ${hash}; it expires unresolved at ${new Date(Number(expiresAt) * 1000).toISOString()}.`,
      )
    })
}
