import { type ChainConnection, sendContractCall } from '@openledger/chain'
import type { Address, Hex } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

/** One epoch's aggregates, as FeeRouter's `postEpoch` takes them; amounts in OPEN wei. */
export type PostEpochCall = {
  epoch: bigint
  receiptsRoot: Hex
  payoutsRoot: Hex
  /** Sorted by payer address, strictly ascending. */
  charges: readonly { payer: Address; amount: bigint }[]
  agents: readonly { agentId: bigint; fees: bigint }[]
  adapterCreators: readonly { creator: Address; amount: bigint }[]
  contributorsPaid: bigint
}
export type PostEpochParameters = WriteParameters &
  PostEpochCall & {
    /** Called with the hash as soon as the transaction is sent, before it is mined (to write it ahead). */
    onSent?: (hash: Hex) => void | Promise<void>
  }

/**
 * Posts an epoch on FeeRouter as the settler `account`: debits the charges from prepaid balances into escrow,
 * each within its payer's authorised cap, records the roots and opens the epoch's dispute window. Nothing is
 * paid until `finalizeEpoch`, once the window has passed. It is simulated first, so a bad post is its typed
 * error before anything is sent: `UnauthorizedError` (not a settler), `BondTooLowError`, `EpochPendingError`,
 * `EpochOutOfOrderError`, `ChargesNotSortedError`, `ChargeNotAuthorizedError`, `ChargeAboveCapError`,
 * `InsufficientBalanceError`, `UnbalancedSettlementError`, `UnknownAgentError`. A receipt that failed anyway is
 * a `StakingRevertError`.
 *
 * `onSent` runs (and is awaited) once the transaction is sent and before waiting for it to be mined, so a
 * caller can record the hash ahead and, after a crash, look the transaction up instead of posting twice.
 *
 * @example
 * const { hash } = await postEpoch(connection, manifest.contracts, {
 *   account: settler,
 *   epoch: 1n,
 *   receiptsRoot,
 *   payoutsRoot,
 *   charges: [{ payer, amount: parseEther('100') }],
 *   agents: [{ agentId: 1n, fees: parseEther('100') }],
 *   adapterCreators: [{ creator, amount: parseEther('10') }],
 *   contributorsPaid: parseEther('40'),
 *   onSent: (hash) => store.put('settlement', { epoch: 1n, hash }),
 * })
 */
export async function postEpoch(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: PostEpochParameters,
): Promise<WriteReturnType> {
  const { account, epoch, receiptsRoot, payoutsRoot, charges, agents, adapterCreators, contributorsPaid } =
    parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'postEpoch',
      args: [epoch, receiptsRoot, payoutsRoot, charges, agents, adapterCreators, contributorsPaid],
      onSent: parameters.onSent,
    }),
  )
  return { hash, receipt }
}
