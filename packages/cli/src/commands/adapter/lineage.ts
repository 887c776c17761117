import { resolve } from 'node:path'
import {
  type AdapterLineage,
  getAdapterLineage,
  readTrainingManifest,
  UnknownAdapterError,
  verifyAdapterLineage,
} from '@openledger/model-factory'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { withRpcUrl } from '../../commonOptions.js'
import { type Context, connectDeployment, rpcUrlOf } from '../../context.js'
import { parseSafeTxHash } from '../../options.js'
import { LineageVerificationError } from './errors.js'

type LineageOptions = { verify?: string; rpcUrl?: string }

/** `openledger adapter lineage <sha256>`: an adapter's on-chain lineage, and optionally a folder checked against it. */
export function adapterLineageCommand(adapter: Command, context: Context): void {
  withRpcUrl(
    adapter
      .command('lineage')
      .argument('<sha256>', "the adapter's content address (0x + 64 hex)", parseSafeTxHash),
  )
    .description(
      "Print an adapter's lineage from the ModelRegistry; --verify checks a folder and its training.json against it.",
    )
    .option('--verify <dir>', 'an adapter folder (with training.json) to check against the chain')
    .action(async (sha256: Hex, options: LineageOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const lineage = await getAdapterLineage(connection, manifest.contracts, { adapterSha256: sha256 })
      if (!lineage) throw new UnknownAdapterError(sha256)
      printLineage(context, sha256, lineage)
      if (!options.verify) return
      const dir = resolve(options.verify)
      const { rowIds } = readTrainingManifest(dir)
      const { adapterSha256, matches } = await verifyAdapterLineage(connection, manifest.contracts, {
        adapterDir: dir,
        rowIds,
      })
      if (adapterSha256 !== sha256)
        throw new LineageVerificationError(dir, `its files hash to ${adapterSha256}, not ${sha256}`)
      if (!matches.registered) throw new LineageVerificationError(dir, `${adapterSha256} is not registered`)
      if (!matches.trainingRows)
        throw new LineageVerificationError(
          dir,
          "training.json's rows do not match the registered training rows root",
        )
      if (!matches.notRevoked) throw new LineageVerificationError(dir, 'the adapter is revoked')
      context.io.out(
        `Verified ${dir}: its files are registered, trained on the ${rowIds.length} rows of its training.json, not revoked.`,
      )
    })
}

function printLineage(context: Context, sha256: Hex, lineage: AdapterLineage): void {
  const { io } = context
  io.out(`Adapter ${sha256}`)
  io.out(`  creator             ${lineage.creator}`)
  io.out(`  base model          ${lineage.baseModelSha256}`)
  io.out(`  training rows root  ${lineage.trainingRowsRoot}`)
  io.out(`  rows                ${lineage.rowCount}`)
  io.out(`  datanets            ${lineage.datanetIds.join(', ')}`)
  io.out(`  registered at       ${new Date(Number(lineage.registeredAt) * 1000).toISOString()}`)
  io.out(`  revoked             ${lineage.revoked ? 'yes' : 'no'}`)
  io.out(`  uri                 ${lineage.uri}`)
}
