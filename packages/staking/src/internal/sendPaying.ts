import { type ChainConnection, sendContractCall } from '@openledger/chain'
import type { Account, Address, Hex, TransactionReceipt } from 'viem'
import { ZeroAmountError } from '../errors/staking.js'
import type { StakingContracts } from '../types.js'
import { routerAbi, stakingAbi } from './abis.js'
import { approveIfShort } from './approveIfShort.js'
import { withStakingErrors } from './withStakingErrors.js'

/** The protocol's calls that pull `amount` OPEN from their sender, by the contract they go to. */
export type PayingCall =
  | { contract: 'FeeRouter'; functionName: 'deposit'; args: readonly [bigint] }
  | { contract: 'FeeRouter'; functionName: 'depositFor'; args: readonly [Address, bigint] }
  | { contract: 'FeeRouter'; functionName: 'depositBond'; args: readonly [bigint] }
  | { contract: 'AgentStaking'; functionName: 'stake'; args: readonly [bigint, bigint] }
  | { contract: 'AgentStaking'; functionName: 'challenge'; args: readonly [bigint, Hex, Hex] }

const abis = { FeeRouter: routerAbi, AgentStaking: stakingAbi } as const

/**
 * Sends a call that pulls `amount` OPEN from `account` (a prepaid deposit, a settler bond, a stake, a
 * challenge bond), approving the contract for `amount` first when the allowance is short; its revert is the
 * SDK's typed error. Zero is a `ZeroAmountError` before anything is sent (the contracts say so too, but only
 * after an approval of zero would have gone out).
 */
export async function sendPaying(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'OpenToken'> & Partial<Pick<StakingContracts, PayingCall['contract']>>,
  parameters: { account: Account; amount: bigint; call: PayingCall },
): Promise<{ hash: Hex; receipt: TransactionReceipt; approvalHash: Hex | undefined }> {
  const { account, amount, call } = parameters
  if (amount === 0n) throw new ZeroAmountError()
  const { contract, ...functionCall } = call
  const address = contracts[contract] as Address // each caller's contracts type names the one it calls
  const approvalHash = await approveIfShort(connection, account, {
    token: contracts.OpenToken,
    spender: address,
    amount,
  })
  const { hash, receipt } = await withStakingErrors(
    // `PayingCall` types each call's arguments; viem's inference takes one function name at a time.
    sendContractCall(connection, { account, address, abi: abis[contract], ...functionCall } as never),
  )
  return { hash, receipt, approvalHash }
}
