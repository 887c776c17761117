import { type ChainConnection, MissingEventError, sendContractCall } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import { type Address, type Hex, parseEventLogs } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type ClaimContributorRewardParameters = WriteParameters & {
  /** The final epoch whose payouts tree pays the beneficiary. */
  epoch: bigint
  /** The beneficiary's amount in that epoch's payouts tree, OPEN wei. */
  amount: bigint
  /** Its proof against the epoch's payouts root (a StandardMerkleTree over `[address, uint256]`). */
  proof: readonly Hex[]
  /** Whose reward to claim; the OPEN goes to it. Default: `account`'s address. */
  beneficiary?: Address | undefined
}
export type ClaimContributorRewardReturnType = WriteReturnType & {
  /** OPEN wei paid. */
  amount: bigint
}

/**
 * Claims a data contributor's reward for one final epoch from FeeRouter, signed by `account` for
 * `beneficiary` (anyone may claim on a contributor's behalf). An epoch that is not final is an
 * `EpochNotFinalError`; a proof that does not match an `InvalidProofError`; an epoch claimed already an
 * `AlreadyClaimedError`; a root promising more than the epoch funded an `UnderfundedError`. Several epochs at
 * once: `claimContributorRewards`.
 *
 * @example
 * const { amount } = await claimContributorReward(connection, manifest.contracts, {
 *   account,
 *   epoch: 3n,
 *   amount: 12_000000000000000000n,
 *   proof: tree.getProof([account.address, '12000000000000000000']) as Hex[],
 * })
 */
export async function claimContributorReward(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: ClaimContributorRewardParameters,
): Promise<ClaimContributorRewardReturnType> {
  const { account, epoch, amount, proof, beneficiary = account.address } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'claim',
      args: [epoch, beneficiary, amount, proof],
    }),
  )
  const [claimed] = parseEventLogs({ abi: feeRouterAbi, eventName: 'Claimed', logs: receipt.logs })
  if (!claimed) throw new MissingEventError('claim', hash, 'Claimed')
  return { hash, receipt, amount: claimed.args.amount }
}
