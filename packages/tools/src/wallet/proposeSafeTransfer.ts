import {
  type ChainConnection,
  type ProposeUnsignedSafeTransactionReturnType,
  proposeUnsignedSafeTransaction,
  type SafeInfrastructure,
} from '@openledger/chain'
import type { Store } from '@openledger/store'
import { type Address, encodeFunctionData, erc20Abi, getAddress, isAddressEqual } from 'viem'
import { NATIVE_TOKEN } from './nativeToken.js'

export type ProposeSafeTransferParameters = {
  infrastructure: SafeInfrastructure
  safe: Address
  /** `NATIVE_TOKEN` for the native token. */
  token: Address
  to: Address
  amount: bigint
  /** Who asks; recorded as the proposer. Need not be an owner: the proposal carries no signature. */
  proposer: Address
  description?: string | undefined
  /** The most unsigned proposals `proposer` may have pending on this Safe (chain's default: 5). */
  maxPending?: number | undefined
}

/** `existing`: the same proposer's same transfer was pending already, and is returned. */
export type ProposeSafeTransferReturnType = ProposeUnsignedSafeTransactionReturnType

/**
 * Stores an unsigned proposal that the Safe transfer `amount` of `token` to `to` (chain's
 * `proposeUnsignedSafeTransaction`) for the owners to sign (`signSafeTransaction`) and execute
 * (`executeSafeTransaction`). The proposer need not be an owner: an agent asking for more than its allowance
 * has no owner key. Such a request holds no nonce (the owners' own proposals never queue behind it), the same
 * request while one is pending returns that one, and one proposer has at most `maxPending` pending on a Safe
 * (`SafeProposalLimitError` beyond).
 *
 * @example
 * const { safeTxHash } = await proposeSafeTransfer(connection, store, {
 *   infrastructure: manifest.safe, safe, token: open, to, amount: parseEther('50'), proposer: agent.address,
 * })
 */
export async function proposeSafeTransfer(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSafeTransferParameters,
): Promise<ProposeSafeTransferReturnType> {
  const { infrastructure, amount, description, maxPending } = parameters
  const token = getAddress(parameters.token)
  const to = getAddress(parameters.to)
  const call = isAddressEqual(token, NATIVE_TOKEN)
    ? { to, value: amount }
    : { to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }) }
  return proposeUnsignedSafeTransaction(connection, store, {
    infrastructure,
    safeAddress: parameters.safe,
    proposer: parameters.proposer,
    calls: [call],
    description,
    maxPending,
  })
}
