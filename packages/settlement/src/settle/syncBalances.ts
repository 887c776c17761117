import type { ChainConnection } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import type { StoreSession } from '@openledger/store'
import type { Address } from 'viem'
import { type ChainBalance, saveBalances } from '../ledger/saveBalances.js'
import { ledgerOf, type Settler } from './types.js'

/**
 * Reads, at one block, what FeeRouter holds for each account: its prepaid balance, its pending withdrawal and
 * what settlement may charge it now (`chargeableOf`: its cap left in the period, within its balance). Ready for
 * `saveBalances`; the gateway reads a payer this way before refusing it.
 *
 * @example
 * const [payerBalance] = await readChainBalances(connection, manifest.contracts.FeeRouter, [payer])
 */
export async function readChainBalances(
  connection: ChainConnection,
  feeRouter: Address,
  accounts: readonly Address[],
): Promise<ChainBalance[]> {
  const blockNumber = await connection.publicClient.getBlockNumber({ cacheTime: 0 })
  const client = connection.publicClient
  return Promise.all(
    [...new Set(accounts)].map(async (account) => {
      const read = { address: feeRouter, abi: feeRouterAbi, args: [account], blockNumber } as const
      const [balance, withdrawal, chargeable] = await Promise.all([
        client.readContract({ ...read, functionName: 'balanceOf' }),
        client.readContract({ ...read, functionName: 'withdrawalOf' }),
        client.readContract({ ...read, functionName: 'chargeableOf' }),
      ])
      return {
        account,
        balance,
        pendingWithdrawal: withdrawal.amount,
        unlocksAt: BigInt(withdrawal.unlocksAt),
        chargeable,
        blockNumber,
      }
    }),
  )
}

/** `readChainBalances` on the settler's FeeRouter. */
export function readBalances(settler: Settler, accounts: readonly Address[]): Promise<ChainBalance[]> {
  return readChainBalances(settler.connection, settler.contracts.FeeRouter, accounts)
}

/**
 * Refreshes the ledger's copy of prepaid balances, withdrawals and chargeable amounts from the chain: after
 * deposits, and after each post and refund.
 *
 * @example
 * await syncBalances(settler, [payer])
 */
export async function syncBalances(
  settler: Settler,
  accounts: readonly Address[],
  store: StoreSession = settler.store,
): Promise<ChainBalance[]> {
  const balances = await readBalances(settler, accounts)
  await saveBalances(store, ledgerOf(settler), balances)
  return balances
}
