import { actionsSchema } from '@openledger/agent-runtime/schema'
import {
  type ChainConnection,
  connectChain,
  DEVNET_CHAIN_ID,
  DevnetOnlyError,
  devAccounts,
  isDevKey,
  type Manifest,
  manifestPath,
  readManifest,
  verifyManifest,
} from '@openledger/chain'
import { datanetsSchema } from '@openledger/datanets/schema'
import { BaseError } from '@openledger/errors'
import { gatewaySchema } from '@openledger/gateway/schema'
import { provisionSchema } from '@openledger/provision/schema'
import { settlementSchema } from '@openledger/settlement/schema'
import { openStore, type Store, type StoreSchema } from '@openledger/store'
import type { Hex } from 'viem'
import type { Env } from './env.js'
import type { Io } from './io.js'

export type Context = { env: Env; io: Io }

export class MissingKeyError extends BaseError {
  override name = 'MissingKeyError'
  constructor(role: string) {
    super(
      `No ${role} key: pass --private-key, --dev-account <n> (devnet only), or set OPENLEDGER_PRIVATE_KEY.`,
    )
  }
}

export class DevAccountOffDevnetError extends BaseError {
  override name = 'DevAccountOffDevnetError'
  constructor(chainId: number) {
    super(`--dev-account works only on the devnet (chain ${DEVNET_CHAIN_ID}); this chain is ${chainId}.`)
  }
}

export type KeyOptions = { privateKey?: Hex; devAccount?: number }

/** The default RPC: --rpc-url, else RPC_URL, else the devnet's port on loopback. */
export function rpcUrlOf(context: Context, option?: string): string {
  return option ?? context.env.RPC_URL ?? `http://127.0.0.1:${context.env.DEVNET_PORT}`
}

/**
 * A key from --private-key, --dev-account (devnet only) or OPENLEDGER_PRIVATE_KEY, in that order; on the
 * devnet, `devnetDefault` names the dev account to fall back to where any payer will do. Off the devnet's chain
 * id (the connected chain's) a dev mnemonic key is refused however it comes (`DevnetOnlyError`).
 */
export function resolveKey(
  context: Context,
  options: KeyOptions,
  chainId: number,
  role: string,
  devnetDefault?: number,
): Hex {
  if (options.privateKey) return ownKey(options.privateKey, chainId, role)
  if (options.devAccount !== undefined) return devKey(options.devAccount, chainId)
  if (context.env.OPENLEDGER_PRIVATE_KEY)
    return ownKey(context.env.OPENLEDGER_PRIVATE_KEY as Hex, chainId, role)
  if (devnetDefault !== undefined && chainId === DEVNET_CHAIN_ID) return devKey(devnetDefault, chainId)
  throw new MissingKeyError(role)
}

// A dev mnemonic key passed as a key of one's own is just as public.
function ownKey(key: Hex, chainId: number, role: string): Hex {
  if (chainId !== DEVNET_CHAIN_ID && isDevKey(key))
    throw new DevnetOnlyError(chainId, `the ${role} key given`, 'pass a key of your own')
  return key
}

function devKey(index: number, chainId: number): Hex {
  if (chainId !== DEVNET_CHAIN_ID) throw new DevAccountOffDevnetError(chainId)
  return devAccounts(index + 1)[index]!.privateKey
}

/** Connects, reads this chain's manifest and checks its code is there. */
export async function connectDeployment(
  context: Context,
  rpcUrl: string,
): Promise<{ connection: ChainConnection; manifest: Manifest }> {
  const connection = await connectChain({ rpc: rpcUrl })
  const manifest = readManifest(manifestPath(connection.chainId, context.env.OPENLEDGER_HOME))
  await verifyManifest(connection.publicClient, manifest)
  return { connection, manifest }
}

/**
 * The tables of every package the CLI's commands reach (the whole stack's), each from its package's light
 * `/schema` entry so opening the store loads no package's code.
 */
export const stackSchemas: readonly StoreSchema[] = [
  actionsSchema,
  datanetsSchema,
  settlementSchema,
  gatewaySchema,
  provisionSchema,
]

/** Opens the store: DATABASE_URL, else SQLite under OPENLEDGER_HOME, with the stack's schemas. The caller closes it. */
export function openContextStore(context: Context): Promise<Store> {
  return openStore({
    directory: context.env.OPENLEDGER_HOME,
    schemas: stackSchemas,
    ...(context.env.DATABASE_URL ? { databaseUrl: context.env.DATABASE_URL } : {}),
  })
}

/** Opens the store (DATABASE_URL, else SQLite under OPENLEDGER_HOME), runs `fn`, and closes it. */
export async function withStore<T>(context: Context, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openContextStore(context)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}
