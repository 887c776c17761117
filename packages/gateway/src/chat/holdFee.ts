import type { ChainConnection, Manifest } from '@openledger/chain'
import { HttpError } from '@openledger/http'
import {
  getSpendable,
  type LedgerRef,
  readChainBalances,
  type Spendable,
  saveBalances,
} from '@openledger/settlement'
import type { StoreSession } from '@openledger/store'
import { type Address, formatEther } from 'viem'
import type { Reservations } from './Reservations.js'

const open = (wei: bigint) => `${formatEther(wei)} OPEN`

/**
 * Holds the fee for the payer's answer, or refuses it (402): what they may spend is the ledger's spendable
 * amount (what FeeRouter can charge them, their charge cap included, less what they owe) less the fees of their
 * answers in flight; when short, the balance and cap are re-read from the chain first (a deposit or a new
 * authorisation may have landed since). Returns the hold to release (failed answer) or mark metered.
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
  /** What the fee buys, for the refusal (default: "<agentId> charges <fee> per answer"). */
  charges?: string
}): Promise<symbol> {
  const { store, connection, manifest, reservations, payer, fee } = parameters
  const ledger: LedgerRef = { chainId: connection.chainId, feeRouter: manifest.contracts.FeeRouter }
  const attempt = async () => {
    await reservations.prune(payer, ledger)
    const spendable = await getSpendable(store, ledger, payer)
    return { spendable, held: reservations.tryHold(payer, fee, spendable.spendable) }
  }
  let { held } = await attempt()
  if ('key' in held) return held.key
  await saveBalances(store, ledger, await readChainBalances(connection, ledger.feeRouter, [payer]))
  const again = await attempt()
  held = again.held
  if ('key' in held) return held.key
  throw refusal(
    payer,
    parameters.charges ?? `${parameters.agentId} charges ${open(fee)} per answer`,
    held.left,
    again.spendable,
  )
}

/** The 402: short of balance, or of what its charge authorisation leaves. */
function refusal(payer: Address, charges: string, left: bigint, s: Spendable): HttpError {
  if (s.chargeable < s.balance - s.pendingWithdrawal)
    return new HttpError(
      402,
      `Charge cap reached: ${payer} can spend ${open(left)} and ${charges}; its authorisation lets FeeRouter charge it ${open(s.chargeable)} more this period. Authorise more (\`openledger fees authorize --per-period <amount>\`) or wait for the next period.`,
      { code: 'charge_cap_reached' },
    )
  return new HttpError(
    402,
    `Insufficient prepaid balance: ${payer} can spend ${open(left)} and ${charges}. Deposit OPEN in FeeRouter (\`openledger fees deposit <amount>\`).`,
    { code: 'insufficient_balance' },
  )
}
