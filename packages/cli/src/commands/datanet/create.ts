import { createDatanet } from '@openledger/datanets'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { withKey } from '../../commonOptions.js'
import {
  type Context,
  connectDeployment,
  type KeyOptions,
  resolveKey,
  rpcUrlOf,
  withStore,
} from '../../context.js'
import { parseAddress, parseLicense } from '../../options.js'

type CreateOptions = KeyOptions & {
  rpcUrl?: string
  license: string
  metadataUri?: string
  name?: string
  curator?: Address
}

export function datanetCreateCommand(datanet: Command, context: Context): void {
  withKey(datanet.command('create'), 'creator key (the curator unless --curator)')
    .description('Create a datanet on-chain (DatanetRegistry) and mirror it in the store; prints its id.')
    .requiredOption('--license <spdx>', "the datanet's license, an SPDX id (e.g. CC-BY-4.0)", parseLicense)
    .option('--metadata-uri <uri>', 'where its description lives (stored on-chain)', '')
    .option('--name <name>', 'a label kept in the store')
    .option('--curator <address>', 'who reviews and commits rows (default: the creator)', parseAddress)
    .action(async (options: CreateOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const account = resolveKey(context, options, connection.chainId, 'creator')
      const created = await withStore(context, (store) =>
        createDatanet(connection, store, {
          registry: manifest.contracts.DatanetRegistry,
          account,
          curator: options.curator,
          license: options.license,
          metadataURI: options.metadataUri ?? '',
          name: options.name,
        }),
      )
      context.io.out(
        `Created datanet ${created.datanetId} (curator ${created.curator}, license ${created.license}).`,
      )
    })
}
