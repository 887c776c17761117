import { type ChainConnection, sendContractCall } from '@openledger/chain'
import type { Address, Hex } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

/** One epoch's aggregates, as FeeRouter's `settleEpoch` takes them; amounts in OPEN wei. */
export type SettleEpochCall = {
  epoch: bigint
  receiptsRoot: Hex
  payoutsRoot: Hex
  charges: readonly { payer: Address; amount: bigint }[]
  agents: readonly { agentId: bigint; fees: bigint }[]
  adapterCreators: readonly { creator: Address; amount: bigint }[]
  contributorsPaid: bigint
}
export type SettleEpochParameters = WriteParameters &
  SettleEpochCall & {
    /** Called with the hash as soon as the transaction is sent, before it is mined (to write it ahead). */
    onSent?: (hash: Hex) => void | Promise<void>
  }

/**
 * Settles an epoch on FeeRouter as the settler `account`: debits the charges from prepaid balances, routes the
 * agents' fees by the current splits and makes `payoutsRoot` the root contributors claim against. It is
 * simulated first, so a bad settlement is its typed error before anything is sent: `UnauthorizedSettlerError`,
 * `EpochOutOfOrderError`, `UnbalancedSettlementError`, `InsufficientBalanceError`, `UnknownAgentError`. A receipt
 * that failed anyway is a `StakingRevertError`.
 *
 * `onSent` runs (and is awaited) once the transaction is sent and before waiting for it to be mined, so a
 * caller can record the hash ahead and, after a crash, look the transaction up instead of settling twice.
 *
 * @example
 * const { hash } = await settleEpoch(connection, manifest.contracts, {
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
export async function settleEpoch(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: SettleEpochParameters,
): Promise<WriteReturnType> {
  const { account, epoch, receiptsRoot, payoutsRoot, charges, agents, adapterCreators, contributorsPaid } =
    parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'settleEpoch',
      args: [epoch, receiptsRoot, payoutsRoot, charges, agents, adapterCreators, contributorsPaid],
      onSent: parameters.onSent,
    }),
  )
  return { hash, receipt }
}
