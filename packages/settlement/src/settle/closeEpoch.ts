import type { Splits } from '@openledger/staking'
import type { Address, Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { getPreviousCumulative } from '../ledger/getPreviousCumulative.js'
import { listEpochs } from '../ledger/listEpochs.js'
import { type PendingReceipt, selectPendingReceipts } from '../ledger/selectPendingReceipts.js'
import { writeEpoch } from '../ledger/writeEpoch.js'
import { planSettlement } from '../plan/planSettlement.js'
import { readBalances } from './syncBalances.js'
import { ledgerOf, type Settler } from './types.js'

const noCreators = async () => new Map<Hex, Address>()

/**
 * Closes the next epoch: takes the oldest waiting receipts (up to `maxReceiptsPerEpoch`), leaves out those
 * their payer's prepaid balance cannot cover (oldest first, marked unfunded), plans the `settleEpoch` call and
 * writes it ahead in the ledger (status `built`). Undefined when no receipt waits, or none is funded.
 */
export async function closeEpoch(
  settler: Settler,
  chain: { lastEpoch: bigint; splits: Splits },
): Promise<LedgerEpoch | undefined> {
  const ledger = ledgerOf(settler)
  const pending = await selectPendingReceipts(settler.store, ledger, settler.maxReceiptsPerEpoch ?? 10_000)
  if (pending.length === 0) return undefined
  const epoch = chain.lastEpoch + 1n
  const [existing] = await listEpochs(settler.store, ledger, { epoch })
  if (existing) throw new LedgerDivergedError(epoch, 'the ledger holds it but the chain has not settled it')

  const { funded, unfunded } = await splitByFunds(settler, pending)
  const hashes = [
    ...new Set(funded.flatMap((m) => m.receipt.adapters.map((a) => a.sha256.toLowerCase() as Hex))),
  ]
  const plan =
    funded.length === 0
      ? undefined
      : planSettlement({
          epoch,
          receipts: funded,
          splits: chain.splits,
          previousCumulative: await getPreviousCumulative(settler.store, ledger, epoch),
          adapterCreators: await (settler.adapterCreators ?? noCreators)(hashes),
          treasury: settler.treasury,
        })
  await writeEpoch(settler.store, ledger, {
    epoch,
    plan,
    splits: chain.splits,
    receiptIds: funded.map((m) => m.receiptId),
    unfundedIds: unfunded.map((m) => m.receiptId),
  })
  if (!plan) return undefined
  await settler.hooks?.afterEpochWritten?.(epoch)
  const [written] = await listEpochs(settler.store, ledger, { epoch })
  return written
}

/** Walks the receipts oldest first, charging each payer's prepaid balance until it runs out. */
async function splitByFunds(settler: Settler, pending: readonly PendingReceipt[]) {
  const balances = await readBalances(
    settler,
    pending.map((m) => m.receipt.payer),
  )
  const left = new Map(balances.map((b) => [b.account, b.balance]))
  const funded: PendingReceipt[] = []
  const unfunded: PendingReceipt[] = []
  for (const m of pending) {
    const balance = left.get(m.receipt.payer) ?? 0n
    if (m.receipt.fee > balance) {
      unfunded.push(m)
      continue
    }
    left.set(m.receipt.payer, balance - m.receipt.fee)
    funded.push(m)
  }
  return { funded, unfunded }
}
