import { type ChainConnection, getSafeTransactionStatus, type Manifest } from '@openledger/chain'
import { listSafeTransactions, type Store } from '@openledger/store'
import type { Command } from 'commander'
import { formatEther, type Hex } from 'viem'
import { withRpcUrl } from '../../commonOptions.js'
import { type Context, connectDeployment, rpcUrlOf, withStore } from '../../context.js'
import { parseSafeTxHash } from '../../options.js'

type Deployment = { connection: ChainConnection; manifest: Manifest }

/** `openledger safe status [safeTxHash]`: one proposal, or every proposal of the treasury Safe. */
export function safeStatusCommand(safe: Command, context: Context): void {
  withRpcUrl(
    safe
      .command('status')
      .description('Show one proposal (signatures, threshold, state), or list every proposal.')
      .argument('[safeTxHash]', 'the proposal', parseSafeTxHash),
  ).action(async (safeTxHash: Hex | undefined, options: { rpcUrl?: string }) => {
    const deployment = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
    await withStore(context, async (store) => {
      const hashes = safeTxHash ? [safeTxHash] : await proposalsOf(store, deployment)
      if (hashes.length === 0) context.io.out('No Safe transactions proposed yet.')
      for (const hash of hashes) await printStatus(context, store, deployment, hash)
    })
  })
}

/** Every proposal stored for the deployment's treasury Safe. */
async function proposalsOf(store: Store, { connection, manifest }: Deployment): Promise<Hex[]> {
  const rows = await listSafeTransactions(store, {
    chainId: connection.chainId,
    safeAddress: manifest.treasurySafe.address,
  })
  return rows.map((row) => row.safeTxHash)
}

async function printStatus(context: Context, store: Store, { connection, manifest }: Deployment, hash: Hex) {
  const status = await getSafeTransactionStatus(connection, store, {
    infrastructure: manifest.safe,
    safeTxHash: hash,
  })
  const { transaction: tx, signatures, threshold } = status
  const valid = signatures.filter((s) => s.isOwner).length
  context.io.out(`${hash}  ${status.state}  ${valid}/${threshold} signatures  nonce ${tx.nonce}`)
  context.io.out(`  to ${tx.to}  value ${formatEther(tx.value)} ETH  ${tx.description ?? ''}`.trimEnd())
  for (const s of signatures)
    context.io.out(`  signed by ${s.signer}${s.isOwner ? '' : ' (no longer an owner)'}`)
}
