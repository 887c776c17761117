import { type ChainConnection, MissingEventError, sendContractCall } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import { type Address, type Hex, parseEventLogs } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type ClaimContributorRewardParameters = WriteParameters & {
  /** The beneficiary's cumulative entitlement in the latest payouts root, OPEN wei. */
  cumulative: bigint
  /** Its proof against FeeRouter's `payoutsRoot` (a StandardMerkleTree over `[address, uint256]`). */
  proof: readonly Hex[]
  /** Whose reward to claim; the OPEN goes to it. Default: `account`'s address. */
  beneficiary?: Address | undefined
}
export type ClaimContributorRewardReturnType = WriteReturnType & {
  /** OPEN wei paid: `cumulative` less what the beneficiary had claimed before. */
  amount: bigint
}

/**
 * Claims a data contributor's reward from FeeRouter, signed by `account` for `beneficiary` (anyone may claim
 * on a contributor's behalf). A proof that does not match is an `InvalidProofError`; a `cumulative` already
 * claimed a `NothingToClaimError`; a root promising more than settlements funded an `UnderfundedError`.
 *
 * @example
 * const { amount } = await claimContributorReward(connection, manifest.contracts, {
 *   account,
 *   cumulative: 12_000000000000000000n,
 *   proof: tree.getProof([account.address, '12000000000000000000']) as Hex[],
 * })
 */
export async function claimContributorReward(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: ClaimContributorRewardParameters,
): Promise<ClaimContributorRewardReturnType> {
  const { account, cumulative, proof, beneficiary = account.address } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.FeeRouter,
      abi: routerAbi,
      functionName: 'claim',
      args: [beneficiary, cumulative, proof],
    }),
  )
  const [claimed] = parseEventLogs({ abi: feeRouterAbi, eventName: 'Claimed', logs: receipt.logs })
  if (!claimed) throw new MissingEventError('claim', hash, 'Claimed')
  return { hash, receipt, amount: claimed.args.amount }
}
