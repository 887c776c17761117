import { signSafeTransaction } from '@openledger/chain'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { parseSafeTxHash } from '../../options.js'

/** `openledger safe sign <safeTxHash>`: one owner's signature on a proposal. */
export function safeSignCommand(safe: Command, context: Context): void {
  withKey(safe.command('sign').argument('<safeTxHash>', 'the proposal', parseSafeTxHash), 'signing owner key')
    .description('Sign a proposed treasury Safe transaction as one owner.')
    .action(async (safeTxHash: Hex, options: KeyCommandOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const signerKey = resolveKey(context, options, connection.chainId, 'signer')
      const { signer, signatures } = await withStore(context, (store) =>
        signSafeTransaction(connection, store, { infrastructure: manifest.safe, safeTxHash, signerKey }),
      )
      context.io.out(`Signed by ${signer}: ${signatures} of ${manifest.treasurySafe.threshold} signatures.`)
    })
}
