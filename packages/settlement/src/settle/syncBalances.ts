import { feeRouterAbi } from '@openledger/contracts'
import type { StoreSession } from '@openledger/store'
import type { Address } from 'viem'
import { type ChainBalance, saveBalances } from '../ledger/saveBalances.js'
import { ledgerOf, type Settler } from './types.js'

/**
 * Reads the prepaid balances of `accounts` from FeeRouter (at one block) and returns them, ready for
 * `saveBalances`.
 *
 * @example
 * const balances = await readBalances(settler, [payer])
 */
export async function readBalances(settler: Settler, accounts: readonly Address[]): Promise<ChainBalance[]> {
  const blockNumber = await settler.connection.publicClient.getBlockNumber({ cacheTime: 0 })
  return Promise.all(
    [...new Set(accounts)].map(async (account) => {
      const read = {
        address: settler.contracts.FeeRouter,
        abi: feeRouterAbi,
        args: [account],
        blockNumber,
      } as const
      const client = settler.connection.publicClient
      const [balance, withdrawal] = await Promise.all([
        client.readContract({ ...read, functionName: 'balanceOf' }),
        client.readContract({ ...read, functionName: 'withdrawalOf' }),
      ])
      return {
        account,
        balance,
        pendingWithdrawal: withdrawal.amount,
        unlocksAt: BigInt(withdrawal.unlocksAt),
        blockNumber,
      }
    }),
  )
}

/**
 * Refreshes the ledger's copy of prepaid balances from the chain: after deposits, and after each settlement.
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
