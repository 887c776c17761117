import type { ChainConnection, SafeInfrastructure } from '@openledger/chain'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import type { Store } from '@openledger/store'
import { type Address, encodeFunctionData, getAddress, type Hex } from 'viem'
import { WalletInputError } from './errors.js'
import { type ProposeOwnersStepReturnType, proposeOwnersStep } from './proposeOwnersStep.js'

export type RevokeDelegateParameters = {
  infrastructure: SafeInfrastructure
  safe: Address
  /** The deployed `SpendingLimitModule`. */
  module: Address
  /** The agent's address to remove, with every allowance it has on the Safe. */
  delegate: Address
  /** An owner of the Safe: proposes (and signs) the removal, and executes it when its signature suffices. */
  ownerKey: Hex
}

/** `txHash` is the transaction that removed the delegate; undefined when the Safe needs more signatures. */
export type RevokeDelegateReturnType = ProposeOwnersStepReturnType

/**
 * Removes an agent's key from a user's Safe in one owners' step: proposes `removeDelegate(delegate)` as a
 * Safe transaction signed by `ownerKey` and, when one signature meets the Safe's threshold, executes it at
 * once; otherwise the other owners sign and execute it like any proposal (`proposeOwnersStep`). The proposal
 * takes the Safe's current nonce, not the one after pending proposals, so an agent's flood of over-limit
 * proposals never holds the revocation behind them. A delegate the Safe does not have is a
 * `WalletInputError`, nothing proposed.
 *
 * @example
 * const { txHash } = await revokeDelegate(connection, store, {
 *   infrastructure: manifest.safe, safe, module, delegate: agent.address, ownerKey,
 * })
 */
export async function revokeDelegate(
  connection: ChainConnection,
  store: Store,
  parameters: RevokeDelegateParameters,
): Promise<RevokeDelegateReturnType> {
  const { infrastructure, ownerKey } = parameters
  const safe = getAddress(parameters.safe)
  const module = getAddress(parameters.module)
  const delegate = getAddress(parameters.delegate)
  const isDelegate = await connection.publicClient.readContract({
    address: module,
    abi: spendingLimitModuleAbi,
    functionName: 'isDelegate',
    args: [safe, delegate],
  })
  if (!isDelegate) throw new WalletInputError('delegate', `${delegate} is not a delegate of Safe ${safe}`)
  return proposeOwnersStep(connection, store, {
    infrastructure,
    safe,
    ownerKey,
    calls: [
      {
        to: module,
        data: encodeFunctionData({
          abi: spendingLimitModuleAbi,
          functionName: 'removeDelegate',
          args: [delegate],
        }),
      },
    ],
    description: `Revoke ${delegate}'s spending limit`,
  })
}
