import type { ChainConnection, Manifest } from '@openledger/chain'
import type { PrivateKeyAccount } from 'viem/accounts'
import { privateKeyToAccount } from 'viem/accounts'
import type { KeyCommandOptions } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf } from '../../context.js'

/** Connects to the deployment and resolves the key that signs, as `role` (named in a missing-key error). */
export async function signer(
  context: Context,
  options: KeyCommandOptions,
  role: string,
): Promise<{ connection: ChainConnection; manifest: Manifest; account: PrivateKeyAccount }> {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
  const account = privateKeyToAccount(resolveKey(context, options, connection.chainId, role))
  return { connection, manifest, account }
}
