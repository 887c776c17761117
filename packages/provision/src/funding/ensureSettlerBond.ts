import type { ChainConnection, Manifest } from '@openledger/chain'
import { depositSettlerBond, getSettlementState, getSettlerBond } from '@openledger/staking'
import type { Account, LocalAccount } from 'viem'
import { topUpToken } from './topUp.js'

export type EnsureSettlerBondParameters = {
  /** The settler: holds FeeRouter's `SETTLER_ROLE`; its bond is topped up to FeeRouter's `minSettlerBond`. */
  settler: Account
  /** Pays the OPEN the settler lacks for the bond (on the devnet: the ecosystem holder, dev account 5). */
  funder: LocalAccount
}
export type EnsureSettlerBondReturnType = {
  /** The settler's bond now, OPEN wei. */
  bond: bigint
  /** OPEN wei deposited into the bond by this call (0n when it already held the minimum). */
  deposited: bigint
}

/**
 * Makes the settler's FeeRouter bond at least `minSettlerBond`, so it may post epochs: the funder sends the
 * settler the OPEN it lacks for the shortfall, and the settler deposits it (`depositSettlerBond`). Nothing is
 * sent when the bond already suffices. A funder short of OPEN is a `ProvisionFundsError`. `openledger up` and
 * `openledger settle` call it on the devnet, whose settler (dev account 9) starts with no OPEN.
 *
 * @example
 * const { bond, deposited } = await ensureSettlerBond(connection, manifest.contracts, {
 *   settler: privateKeyToAccount(devnet.accounts[9]!.privateKey),
 *   funder: privateKeyToAccount(devnet.accounts[5]!.privateKey),
 * })
 */
export async function ensureSettlerBond(
  connection: ChainConnection,
  contracts: Pick<Manifest['contracts'], 'FeeRouter' | 'OpenToken'>,
  parameters: EnsureSettlerBondParameters,
): Promise<EnsureSettlerBondReturnType> {
  const { settler, funder } = parameters
  const [{ minSettlerBond }, bond] = await Promise.all([
    getSettlementState(connection, contracts),
    getSettlerBond(connection, contracts, { settler: settler.address }),
  ])
  if (bond >= minSettlerBond) return { bond, deposited: 0n }
  const deposited = minSettlerBond - bond
  await topUpToken(connection, contracts.OpenToken, {
    from: funder,
    role: 'settler bond funder',
    to: settler.address,
    target: deposited,
  })
  const after = await depositSettlerBond(connection, contracts, { account: settler, amount: deposited })
  return { bond: after.bond, deposited }
}
