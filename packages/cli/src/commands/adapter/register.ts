import { existsSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { ChainConnection, Manifest } from '@openledger/chain'
import { type AdapterObject, adapterSha256, readPeftAdapterDir } from '@openledger/lora-host'
import { readTrainingManifest, registerAdapterLineage, TRAINING_MANIFEST } from '@openledger/model-factory'
import type { Command } from 'commander'
import { type Hex, isAddressEqual } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, type KeyOptions, resolveKey, rpcUrlOf } from '../../context.js'
import { parseRpcUrl } from '../../options.js'
import { LoraHostUnreachableError } from '../loraHost/errors.js'
import { postToLoraHost } from '../loraHost/postToLoraHost.js'
import { AdapterChangedSinceTrainingError, TrainedOnOtherDeploymentError } from './errors.js'

type RegisterOptions = KeyOptions & {
  name?: string
  hostUrl?: string
  replace?: boolean
  onChain?: boolean
  uri?: string
  rpcUrl?: string
}

/** `openledger adapter register <dir>`: with a running lora-host, and its lineage on-chain. */
export function adapterRegisterCommand(adapter: Command, context: Context): void {
  withKey(
    adapter.command('register <dir>'),
    "the adapter creator's key, for --on-chain (recorded as creator, paid the creators' share)",
  )
    .description(
      'Register a PEFT adapter folder (adapter_config.json + adapter_model.safetensors) with a running lora-host; with --on-chain (the default when training.json is there) also its lineage in the ModelRegistry.',
    )
    .option('--name <id>', "the adapter's id (default: the folder's name)")
    .option(
      '--host-url <url>',
      'lora-host URL (default: LORA_HOST_URL, else http://127.0.0.1:8000)',
      parseRpcUrl,
    )
    .option('--replace', 'replace an adapter of this id that has other content')
    .option('--on-chain', "register the lineage in the ModelRegistry from the folder's training.json")
    .option('--no-on-chain', 'only register with the lora-host, even where training.json is there')
    .option('--uri <uri>', "where the adapter's files live, recorded on-chain (default: file://<dir>)")
    .action(async (dir: string, options: RegisterOptions) => {
      const path = resolve(dir)
      const onChain = options.onChain ?? existsSync(join(path, TRAINING_MANIFEST))
      // Read before anything is registered anywhere, so a bad manifest changes nothing.
      const training = onChain ? readTrainingManifest(path) : undefined
      await registerWithHost(context, path, options, onChain)
      if (!training) return
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      await registerOnChain(context, { connection, manifest }, path, training, options)
    })
}

async function registerWithHost(context: Context, path: string, options: RegisterOptions, onChain: boolean) {
  const url = options.hostUrl ?? context.env.LORA_HOST_URL
  let registered: AdapterObject
  try {
    registered = await postToLoraHost<AdapterObject>(url, '/v1/adapters', {
      name: options.name ?? basename(path),
      path,
      replace: options.replace ?? false,
    })
  } catch (error) {
    // On-chain lineage needs no host: say so, and go on.
    if (onChain && error instanceof LoraHostUnreachableError) {
      context.io.out(`No lora-host answers at ${url}; skipped registering with a host.`)
      return
    }
    throw error
  }
  context.io.out(`Registered adapter ${registered.id} (rank ${registered.rank}, sha256 ${registered.sha256})`)
  context.io.out(`  model  ${registered.model}`)
}

async function registerOnChain(
  context: Context,
  { connection, manifest }: { connection: ChainConnection; manifest: Manifest },
  path: string,
  training: ReturnType<typeof readTrainingManifest>,
  options: RegisterOptions,
) {
  const sha256: Hex = `0x${adapterSha256(await readPeftAdapterDir(path))}`
  if (sha256 !== training.adapterSha256)
    throw new AdapterChangedSinceTrainingError(path, training.adapterSha256, sha256)
  for (const datanet of training.datanets) {
    const registry = manifest.contracts.DatanetRegistry
    if (datanet.chainId !== connection.chainId || !isAddressEqual(datanet.registry as Hex, registry))
      throw new TrainedOnOtherDeploymentError(datanet, connection.chainId)
  }
  const account = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'adapter creator'))
  const { hash, root } = await registerAdapterLineage(connection, manifest.contracts, {
    account,
    adapterSha256: sha256,
    baseModelSha256: training.baseModel.sha256,
    rowIds: training.rowIds,
    datanetIds: training.datanets.map((datanet) => BigInt(datanet.datanetId)),
    uri: options.uri ?? `file://${path}`,
  })
  context.io.out(`Registered lineage of adapter ${sha256} on-chain`)
  context.io.out(`  creator             ${account.address}`)
  context.io.out(`  training rows root  ${root}`)
  context.io.out(`  rows                ${training.rowIds.length}`)
  context.io.out(`  tx                  ${hash}`)
}
