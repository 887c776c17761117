import { join } from 'node:path'
import { LoraHost, type LoraHostServer, loadBaseModel, startLoraHostServer } from '@openledger/lora-host'
import { modelRegistryGuard } from '@openledger/model-factory'
import { type Context, connectDeployment, rpcUrlOf } from '../../context.js'
import { LoraHostPortInUseError } from './errors.js'

export type LoraHostOptions = {
  model: string
  port: number
  adaptersDir?: string
  maxBatch: number
  resident: number
  maxRank: number
  /** Serve only adapters registered (and not revoked) in the deployment's ModelRegistry. */
  registeredOnly?: boolean
  rpcUrl?: string
}

export type StartedLoraHost = {
  host: LoraHost
  server: LoraHostServer
  adaptersDir: string
  close: () => Promise<void>
}

/** The deployment's ModelRegistry as an adapter guard (for hosts behind paid traffic). */
async function registryGuard(context: Context, rpcUrl: string | undefined) {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, rpcUrl))
  return modelRegistryGuard(connection, manifest.contracts)
}

/** Loads the base model, opens the adapter registry and serves both on 127.0.0.1. */
export async function startLoraHost(context: Context, options: LoraHostOptions): Promise<StartedLoraHost> {
  const model = await loadBaseModel(options.model)
  const adaptersDir = options.adaptersDir ?? join(context.env.OPENLEDGER_HOME, 'adapters')
  const adapterGuard = options.registeredOnly ? await registryGuard(context, options.rpcUrl) : undefined
  const host = await LoraHost.create({
    model,
    adaptersDir,
    maxBatch: options.maxBatch,
    residentAdapters: options.resident,
    maxRank: options.maxRank,
    ...(adapterGuard ? { adapterGuard } : {}),
  })
  try {
    const server = await startLoraHostServer(host, { port: options.port }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new LoraHostPortInUseError(options.port)
      throw error
    })
    return {
      host,
      server,
      adaptersDir,
      close: async () => {
        await server.close()
        await host.close()
      },
    }
  } catch (error) {
    await host.close()
    throw error
  }
}
