import type { ChainConnection, Manifest } from '@openledger/chain'
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import type { KeyCommandOptions } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf } from '../../context.js'
import { DEVNET_SETTLER } from '../settlement/settlerFor.js'

/** Connects to the deployment and resolves the settler's key (devnet default: dev account 9). */
export async function settlerAccount(
  context: Context,
  options: KeyCommandOptions,
): Promise<{ connection: ChainConnection; manifest: Manifest; account: PrivateKeyAccount }> {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
  const key = resolveKey(context, options, connection.chainId, 'settler', DEVNET_SETTLER)
  return { connection, manifest, account: privateKeyToAccount(key) }
}
