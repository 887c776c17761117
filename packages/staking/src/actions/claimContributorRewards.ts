import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import { type Address, type Hex, parseEventLogs } from 'viem'
import { ZeroAmountError } from '../errors/staking.js'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

/** One final epoch's part of a claim: the amount in its payouts tree and its proof. */
export type EpochClaim = { epoch: bigint; amount: bigint; proof: readonly Hex[] }

export type ClaimContributorRewardsParameters = WriteParameters & {
  /** One per epoch, each epoch once. */
  claims: readonly EpochClaim[]
  /** Whose rewards to claim; the OPEN goes to it. Default: `account`'s address. */
  beneficiary?: Address | undefined
}
export type ClaimContributorRewardsReturnType = WriteReturnType & {
  /** OPEN wei paid, all epochs together. */
  amount: bigint
  /** The epochs claimed, in the order given. */
  epochs: bigint[]
}

/**
 * Claims a data contributor's rewards for several final epochs in one transaction and one transfer
 * (FeeRouter's `claimMany`), signed by `account` for `beneficiary`. Each epoch fails as in
 * `claimContributorReward`, and one bad claim fails them all; no claims is a `ZeroAmountError`.
 *
 * @example
 * const { amount, epochs } = await claimContributorRewards(connection, manifest.contracts, {
 *   account,
 *   claims: [
 *     { epoch: 2n, amount: 5_000000000000000000n, proof: proofOfEpoch2 },
 *     { epoch: 3n, amount: 7_000000000000000000n, proof: proofOfEpoch3 },
 *   ],
 * })
 */
export async function claimContributorRewards(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: ClaimContributorRewardsParameters,
): Promise<ClaimContributorRewardsReturnType> {
  const { account, claims, beneficiary = account.address } = parameters
  if (claims.length === 0) throw new ZeroAmountError()
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'claimMany',
      args: [beneficiary, claims],
    }),
  )
  const claimed = parseEventLogs({ abi: feeRouterAbi, eventName: 'Claimed', logs: receipt.logs })
  const amount = claimed.reduce((sum, log) => sum + log.args.amount, 0n)
  return { hash, receipt, amount, epochs: claimed.map((log) => log.args.epoch) }
}
