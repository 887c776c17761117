import type { ChainConnection, Manifest } from '@openledger/chain'
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import type { KeyCommandOptions } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf } from '../../context.js'

/** Connects to the deployment and resolves the payer's key. */
export async function payer(
  context: Context,
  options: KeyCommandOptions,
): Promise<{ connection: ChainConnection; manifest: Manifest; account: PrivateKeyAccount }> {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
  const account = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'payer'))
  return { connection, manifest, account }
}
