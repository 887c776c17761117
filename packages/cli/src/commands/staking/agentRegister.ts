import { registerAgent } from '@openledger/staking'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseOpen } from '../../options.js'
import { parseAdapterHash } from './parsers.js'
import { signer } from './signer.js'

type RegisterOptions = KeyCommandOptions & { metadataUri: string; fee: bigint; adapter?: Hex[] }

/** `openledger agent …` and its `register` subcommand: agents in the AgentRegistry. */
export function agentCommand(program: Command, context: Context): void {
  const agent = program.command('agent').description('Agents in the AgentRegistry.')
  withKey(agent.command('register'), 'creator key')
    .description('Register an agent created by the key; prints its id.')
    .requiredOption('--metadata-uri <uri>', 'where its description lives')
    .requiredOption('--fee <OPEN>', 'OPEN charged per call', parseOpen)
    .option(
      '--adapter <sha256...>',
      'hashes of the LoRA adapters it serves (32 bytes in hex)',
      parseAdapterHash,
    )
    .action(async (options: RegisterOptions) => {
      const { connection, manifest, account } = await signer(context, options, 'creator')
      const { agentId, hash } = await registerAgent(connection, manifest.contracts, {
        account,
        metadataURI: options.metadataUri,
        adapterHashes: options.adapter ?? [],
        feePerCall: options.fee,
      })
      context.io.out(
        `Registered agent ${agentId} (creator ${account.address}, fee ${formatOpen(options.fee)}) in ${hash}.`,
      )
    })
}
