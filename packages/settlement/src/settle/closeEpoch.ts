import type { Address, Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { listEpochs } from '../ledger/listEpochs.js'
import { writeEpoch } from '../ledger/writeEpoch.js'
import { planSettlement } from '../plan/planSettlement.js'
import type { RouterState } from './readRouter.js'
import { selectChargeable } from './selectChargeable.js'
import { ledgerOf, type Settler } from './types.js'

const noCreators = async () => new Map<Hex, Address>()

/**
 * Closes the next epoch: takes the waiting receipts its payers can be charged for now (`selectChargeable`:
 * oldest first, within each payer's cap and balance less its pending withdrawal; the rest are carried), plans
 * the `postEpoch` call and writes it ahead in the ledger (status `built`). Undefined when nothing can be
 * charged.
 */
export async function closeEpoch(
  settler: Settler,
  chain: Pick<RouterState, 'lastEpoch' | 'splits'>,
  excluded: ReadonlySet<Address> = new Set(),
): Promise<LedgerEpoch | undefined> {
  const ledger = ledgerOf(settler)
  const receipts = await selectChargeable(settler, excluded)
  if (receipts.length === 0) return undefined
  const epoch = chain.lastEpoch + 1n
  const [existing] = await listEpochs(settler.store, ledger, { epoch })
  if (existing) throw new LedgerDivergedError(epoch, 'the ledger holds it but the chain has not posted it')

  const hashes = [
    ...new Set(receipts.flatMap((m) => m.receipt.adapters.map((a) => a.sha256.toLowerCase() as Hex))),
  ]
  const plan = planSettlement({
    epoch,
    receipts,
    splits: chain.splits,
    adapterCreators: await (settler.adapterCreators ?? noCreators)(hashes),
    treasury: settler.treasury,
  })
  await writeEpoch(settler.store, ledger, {
    epoch,
    plan,
    splits: chain.splits,
    receiptIds: receipts.map((m) => m.receiptId),
  })
  await settler.hooks?.afterEpochWritten?.(epoch)
  const [written] = await listEpochs(settler.store, ledger, { epoch })
  return written
}
