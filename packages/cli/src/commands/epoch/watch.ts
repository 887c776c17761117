import { modelRegistryAdapterCreators } from '@openledger/model-factory'
import { type VerifyEpochReturnType, watchEpochs } from '@openledger/settlement'
import { getSettlementState, proposeEpochVeto } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseOpen } from '../../options.js'
import { waitForShutdown } from '../../shutdown.js'
import { fetchPublishedEpoch } from './fetchPublishedEpoch.js'
import { type GatewayOptions, gatewayOf, withGateway } from './gatewayOption.js'
import { parseEpoch } from './parseEpoch.js'
import { printVerification } from './printVerification.js'

type WatchOptions = KeyCommandOptions & GatewayOptions & { from?: bigint; slash?: bigint }

/**
 * `openledger epoch watch`: verify every epoch as it is posted; on a mismatch inside the dispute window,
 * propose the Safe's veto (signed by the proposing owner; the others sign it like any proposal).
 */
export function epochWatchCommand(epochs: Command, context: Context): void {
  withGateway(withKey(epochs.command('watch'), 'Safe owner key that proposes vetoes'))
    .description(
      'Verify each fee epoch as it is posted; on a mismatch, propose the treasury Safe veto well inside its dispute window. Runs until Ctrl-C.',
    )
    .option('--from <epoch>', 'start at this epoch (default 1)', parseEpoch)
    .option(
      '--slash <OPEN>',
      "how much of a wrong epoch's settler bond to slash (default: the minimum bond)",
      parseOpen,
    )
    .action(async (options: WatchOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const proposerKey = resolveKey(context, options, connection.chainId, 'proposer')
      const gateway = gatewayOf(context, options)
      const slash = options.slash ?? (await getSettlementState(connection, manifest.contracts)).minSettlerBond
      const stop = new AbortController()
      const propose = (result: VerifyEpochReturnType) =>
        withStore(context, async (store) => {
          const { safeTxHash } = await proposeEpochVeto(connection, store, {
            infrastructure: manifest.safe,
            safeAddress: manifest.treasurySafe.address,
            contracts: manifest.contracts,
            proposerKey,
            epoch: result.posted.epoch,
            slash,
            description: `Veto epoch ${result.posted.epoch}: ${result.differences.length} difference(s) from its published receipts`,
          })
          context.io.out(
            `Proposed the veto of epoch ${result.posted.epoch} as ${safeTxHash}; other owners: \`openledger safe sign ${safeTxHash}\`, then \`openledger safe execute ${safeTxHash}\` before ${result.posted.finalizesAt} (block time).`,
          )
        })
      const watching = watchEpochs(connection, manifest.contracts, {
        fromEpoch: options.from,
        fromBlock: BigInt(manifest.blockNumber),
        treasury: manifest.treasurySafe.address,
        adapterCreators: modelRegistryAdapterCreators(connection, manifest.contracts),
        fetchReceipts: async (epoch) => (await fetchPublishedEpoch(gateway, epoch)).receipts,
        onVerified: (result) => printVerification(context, result),
        onMismatch: propose,
        onError: (epoch, error) =>
          context.io.err(
            `epoch ${epoch}: not verified yet (${error instanceof Error ? error.message : String(error)})`,
          ),
        signal: stop.signal,
      })
      context.io.out(
        `Watching FeeRouter ${manifest.contracts.FeeRouter} (slash ${formatOpen(slash)}). Press Ctrl-C to stop.`,
      )
      await waitForShutdown()
      stop.abort()
      await watching
    })
}
