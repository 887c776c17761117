import { type ChainConnection, sendContractCall } from '@openledger/chain'
import type { Account, Address, Hex, TransactionReceipt } from 'viem'
import { ZeroAmountError } from '../errors/staking.js'
import type { StakingContracts } from '../types.js'
import { routerAbi } from './abis.js'
import { approveIfShort } from './approveIfShort.js'
import { withStakingErrors } from './withStakingErrors.js'

/** FeeRouter's calls that pull `amount` OPEN from the sender. */
type PayingCall =
  | { functionName: 'deposit'; args: readonly [bigint] }
  | { functionName: 'depositFor'; args: readonly [Address, bigint] }
  | { functionName: 'depositBond'; args: readonly [bigint] }

/**
 * Sends a FeeRouter call that pulls `amount` OPEN from `account` (a prepaid deposit or a settler bond),
 * approving FeeRouter for `amount` first when the allowance is short. Zero is a `ZeroAmountError` before
 * anything is sent (the contract says so too, but only after an approval of zero would have gone out).
 */
export async function payIntoRouter(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter' | 'OpenToken'>,
  parameters: { account: Account; amount: bigint; call: PayingCall },
): Promise<{ hash: Hex; receipt: TransactionReceipt; approvalHash: Hex | undefined }> {
  const { account, amount, call } = parameters
  if (amount === 0n) throw new ZeroAmountError()
  const approvalHash = await approveIfShort(connection, account, {
    token: contracts.OpenToken,
    spender: contracts.FeeRouter,
    amount,
  })
  const { hash, receipt } = await withStakingErrors(
    // `PayingCall` types each call's arguments; viem's inference takes one function name at a time.
    sendContractCall(connection, { account, address: contracts.FeeRouter, abi: routerAbi, ...call } as never),
  )
  return { hash, receipt, approvalHash }
}
