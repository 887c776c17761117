import { modelRegistryAdapterCreators } from '@openledger/model-factory'
import { verifyEpoch } from '@openledger/settlement'
import type { Command } from 'commander'
import { withRpcUrl } from '../../commonOptions.js'
import { type Context, connectDeployment, rpcUrlOf } from '../../context.js'
import { EpochMismatchError } from './errors.js'
import { type GatewayOptions, gatewayOf, withGateway } from './gatewayOption.js'
import { parseEpoch } from './parseEpoch.js'
import { printVerification } from './printVerification.js'
import { readPublishedEpoch } from './readPublishedEpoch.js'

type VerifyOptions = GatewayOptions & { rpcUrl?: string; receipts?: string }

/** `openledger epoch verify <n>`: recompute a posted epoch from its published receipts and the chain. */
export function epochVerifyCommand(epochs: Command, context: Context): void {
  withGateway(withRpcUrl(epochs.command('verify').argument('<epoch>', 'the posted epoch', parseEpoch)))
    .description(
      "Recompute an epoch's charges, splits and roots from its published receipts and the chain, and print any difference from what its settler posted.",
    )
    .option('--receipts <file>', "verify from a saved copy of the gateway's GET /v1/epochs/<epoch> instead")
    .action(async (epoch: bigint, options: VerifyOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const published = await readPublishedEpoch(epoch, {
        file: options.receipts,
        gateway: gatewayOf(context, options),
      })
      const result = await verifyEpoch(connection, manifest.contracts, {
        epoch,
        receipts: published.receipts,
        treasury: manifest.treasurySafe.address,
        adapterCreators: modelRegistryAdapterCreators(connection, manifest.contracts),
        fromBlock: BigInt(manifest.blockNumber),
      })
      printVerification(context, result)
      if (result.differences.length > 0) throw new EpochMismatchError(epoch, result.differences.length)
    })
}
