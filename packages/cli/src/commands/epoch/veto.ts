import { getSettlementState, proposeEpochVeto } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseOpen } from '../../options.js'
import { parseEpoch } from './parseEpoch.js'

type VetoOptions = KeyCommandOptions & { slash?: bigint; reason?: string }

/** `openledger epoch veto <n>`: propose the treasury Safe's veto of the pending epoch by hand. */
export function epochVetoCommand(epochs: Command, context: Context): void {
  withKey(epochs.command('veto').argument('<epoch>', 'the pending epoch', parseEpoch), 'proposing owner key')
    .description(
      "Propose the treasury Safe's veto of the pending epoch (owners sign it like any proposal; it must execute inside the dispute window).",
    )
    .option(
      '--slash <OPEN>',
      "how much of its settler's bond to slash (default: the minimum bond)",
      parseOpen,
    )
    .option('--reason <text>', 'why, for the other owners')
    .action(async (epoch: bigint, options: VetoOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const proposerKey = resolveKey(context, options, connection.chainId, 'proposer')
      const state = await getSettlementState(connection, manifest.contracts)
      const slash = options.slash ?? state.minSettlerBond
      const { safeTxHash, nonce } = await withStore(context, (store) =>
        proposeEpochVeto(connection, store, {
          infrastructure: manifest.safe,
          safeAddress: manifest.treasurySafe.address,
          contracts: manifest.contracts,
          proposerKey,
          epoch,
          slash,
          ...(options.reason ? { description: `Veto epoch ${epoch}: ${options.reason}` } : {}),
        }),
      )
      context.io.out(
        `Proposed ${safeTxHash} (nonce ${nonce}), vetoing epoch ${epoch} and slashing up to ${formatOpen(slash)}; signed 1 of ${manifest.treasurySafe.threshold}.`,
      )
      context.io.out(
        `Next: other owners run \`openledger safe sign ${safeTxHash}\`, then \`openledger safe execute ${safeTxHash}\`, before its window closes at ${state.pending?.finalizesAt ?? '?'} (block time).`,
      )
    })
}
