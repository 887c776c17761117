import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Address } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'

export type GetChargeCapParameters = { payer: Address }
export type GetChargeCapReturnType = {
  /** The most settlement may charge per period, OPEN wei; 0n: not authorised, nothing can be charged. */
  perPeriod: bigint
  /** The period, seconds. */
  period: bigint
  /** What the period that started at `periodStart` has used, OPEN wei. */
  spent: bigint
  /** Unix seconds the payer's last counted period started; 0n before its first charge. */
  periodStart: bigint
  /** What settlement may charge now: what is left of the cap this period, capped by the balance. */
  chargeable: bigint
}

/**
 * A payer's charge authorisation on FeeRouter (`authorizeCharges`), what its current period has used and
 * what settlement may charge it now.
 *
 * @example
 * const { perPeriod, chargeable } = await getChargeCap(connection, manifest.contracts, { payer: '0x…' })
 * if (perPeriod === 0n) console.log('authorise charges first')
 */
export async function getChargeCap(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: GetChargeCapParameters,
): Promise<GetChargeCapReturnType> {
  const router = { address: contracts.FeeRouter, abi: routerAbi } as const
  const args = [parameters.payer] as const
  const [[cap, usage], chargeable] = await Promise.all([
    withStakingErrors(readContractCall(connection, { ...router, functionName: 'chargeCapOf', args })),
    withStakingErrors(readContractCall(connection, { ...router, functionName: 'chargeableOf', args })),
  ])
  return {
    perPeriod: cap.perPeriod,
    period: BigInt(cap.period),
    spent: usage.spent,
    periodStart: BigInt(usage.periodStart),
    chargeable,
  }
}
