import type { Manifest } from '@openledger/chain'
import { forgetLedger } from '@openledger/settlement'
import { deleteSafeTransactions } from '@openledger/store'
import type { Address } from 'viem'
import { type Context, withStore } from '../../context.js'

/**
 * The devnet starts empty on every `up`: Safe proposals and the settlement ledger stored for the previous
 * devnet describe a chain that no longer exists (proposals would hold nonces the new Safe has not used, and
 * the new FeeRouter, at the same address, has settled nothing). Forgets both, saying how much.
 */
export async function forgetOldState(context: Context, chainId: number, manifest: Manifest): Promise<void> {
  const safeAddress: Address = manifest.treasurySafe.address
  const [proposals, receipts] = await withStore(context, async (store) => [
    await deleteSafeTransactions(store, { chainId, safeAddress }),
    await forgetLedger(store, { chainId, feeRouter: manifest.contracts.FeeRouter }),
  ])
  if (proposals > 0) context.io.out(`  forgot ${proposals} Safe proposals of the previous devnet`)
  if (receipts > 0) context.io.out(`  forgot ${receipts} metered receipts of the previous devnet`)
}
