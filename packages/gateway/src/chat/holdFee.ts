import type { ChainConnection, Manifest } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import { HttpError } from '@openledger/http'
import { getSpendable, type LedgerRef, saveBalances } from '@openledger/settlement'
import type { StoreSession } from '@openledger/store'
import { type Address, formatEther } from 'viem'
import type { Reservations } from './Reservations.js'

const open = (wei: bigint) => `${formatEther(wei)} OPEN`

/**
 * Holds the fee for the payer's answer, or refuses it (402): what they may spend is the ledger's spendable
 * balance less the fees of their answers in flight; when short, the balance is re-read from the chain first
 * (a deposit may have landed since). Returns the hold to release (failed answer) or mark metered.
 *
 * @example
 * const hold = await holdFee({ store, connection, manifest, reservations, payer, fee, agentId: 'story-teller' })
 */
export async function holdFee(parameters: {
  store: StoreSession
  connection: ChainConnection
  manifest: Pick<Manifest, 'contracts'>
  reservations: Reservations
  payer: Address
  fee: bigint
  agentId: string
}): Promise<symbol> {
  const { store, connection, manifest, reservations, payer, fee } = parameters
  const ledger: LedgerRef = { chainId: connection.chainId, feeRouter: manifest.contracts.FeeRouter }
  const attempt = async () => {
    await reservations.prune(payer, ledger)
    const { spendable } = await getSpendable(store, ledger, payer)
    return reservations.tryHold(payer, fee, spendable)
  }
  let held = await attempt()
  if ('key' in held) return held.key
  await refreshBalance(store, connection, ledger, payer)
  held = await attempt()
  if ('key' in held) return held.key
  throw new HttpError(
    402,
    `Insufficient prepaid balance: ${payer} can spend ${open(held.left)} and ${parameters.agentId} charges ${open(fee)} per answer. Deposit OPEN in FeeRouter (\`openledger fees deposit <amount>\`).`,
    { code: 'insufficient_balance' },
  )
}

async function refreshBalance(
  store: StoreSession,
  connection: ChainConnection,
  ledger: LedgerRef,
  account: Address,
): Promise<void> {
  const blockNumber = await connection.publicClient.getBlockNumber({ cacheTime: 0 })
  const read = { address: ledger.feeRouter, abi: feeRouterAbi, args: [account], blockNumber } as const
  const [balance, withdrawal] = await Promise.all([
    connection.publicClient.readContract({ ...read, functionName: 'balanceOf' }),
    connection.publicClient.readContract({ ...read, functionName: 'withdrawalOf' }),
  ])
  await saveBalances(store, ledger, [
    {
      account,
      balance,
      pendingWithdrawal: withdrawal.amount,
      unlocksAt: BigInt(withdrawal.unlocksAt),
      blockNumber,
    },
  ])
}
