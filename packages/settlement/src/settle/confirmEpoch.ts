import { feeRouterAbi } from '@openledger/contracts'
import { withTransaction } from '@openledger/store'
import type { Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import type { LedgerEpoch } from '../ledger/epochRecord.js'
import { saveBalances } from '../ledger/saveBalances.js'
import { updateEpochStatus } from '../ledger/updateEpochStatus.js'
import { readReceiptsRoot } from './readRouter.js'
import { readBalances } from './syncBalances.js'
import { ledgerOf, type Settler } from './types.js'

/**
 * Marks an epoch settled once the chain holds its receipts root, and in the same transaction records its
 * payers' balances as the chain now has them. Throws `LedgerDivergedError` when the chain holds another root.
 */
export async function confirmEpoch(
  settler: Settler,
  epoch: LedgerEpoch,
  mined: { txHash: Hex; blockNumber: bigint } | undefined,
): Promise<void> {
  const onChain = await readReceiptsRoot(settler, epoch.epoch)
  if (onChain.toLowerCase() !== epoch.receiptsRoot.toLowerCase())
    throw new LedgerDivergedError(
      epoch.epoch,
      `the chain's receipts root is ${onChain}, the ledger's ${epoch.receiptsRoot}`,
    )
  const found = mined ?? (await findSettlement(settler, epoch.epoch))
  const balances = await readBalances(
    settler,
    epoch.call.charges.map((c) => c.payer),
  )
  await withTransaction(settler.store, async (tx) => {
    await updateEpochStatus(tx, ledgerOf(settler), {
      epoch: epoch.epoch,
      status: 'settled',
      txHash: found?.txHash ?? null,
      blockNumber: found?.blockNumber ?? null,
    })
    await saveBalances(tx, ledgerOf(settler), balances)
  })
}

/** The transaction that settled `epoch`, from its EpochSettled event (after a crash the ledger may lack it). */
async function findSettlement(settler: Settler, epoch: bigint) {
  const [log] = await settler.connection.publicClient.getContractEvents({
    address: settler.contracts.FeeRouter,
    abi: feeRouterAbi,
    eventName: 'EpochSettled',
    args: { epoch },
    fromBlock: 0n,
  })
  return log?.transactionHash && log.blockNumber !== null
    ? { txHash: log.transactionHash, blockNumber: log.blockNumber }
    : undefined
}
