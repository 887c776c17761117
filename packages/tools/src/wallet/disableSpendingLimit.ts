import type { ChainConnection, SafeCall, SafeInfrastructure } from '@openledger/chain'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import type { Store } from '@openledger/store'
import { type Address, encodeFunctionData, getAddress, type Hex, isAddressEqual } from 'viem'
import { type ProposeOwnersStepReturnType, proposeOwnersStep } from './proposeOwnersStep.js'
import { safeModuleAbi } from './safeModuleAbi.js'

/** Safe's module list starts (and ends) at this sentinel. */
const SENTINEL: Address = '0x0000000000000000000000000000000000000001'

export type DisableSpendingLimitParameters = {
  infrastructure: SafeInfrastructure
  safe: Address
  /** The deployed `SpendingLimitModule`. */
  module: Address
  /** An owner of the Safe: proposes (and signs) the step, and executes it when its signature suffices. */
  ownerKey: Hex
}

export type DisableSpendingLimitReturnType = ProposeOwnersStepReturnType & {
  /** False when the module was already disabled (a bare disable elsewhere): only the delegations ended. */
  wasEnabled: boolean
}

/**
 * Ends every delegation a user's Safe has on the spending limit module, for good, and disables the module, in
 * one owners' step: `module.endDelegations()` and `safe.disableModule(prev, module)` batched in one Safe
 * transaction at the Safe's current nonce (`proposeOwnersStep`), executed at once when one owner's signature
 * is enough. Re-enabling the module later revives no delegate. When the module is already disabled (a bare
 * `disableModule` from another UI), it proposes `endDelegations()` alone.
 *
 * @example
 * const { txHash } = await disableSpendingLimit(connection, store, {
 *   infrastructure: manifest.safe, safe, module, ownerKey,
 * })
 */
export async function disableSpendingLimit(
  connection: ChainConnection,
  store: Store,
  parameters: DisableSpendingLimitParameters,
): Promise<DisableSpendingLimitReturnType> {
  const { infrastructure, ownerKey } = parameters
  const safe = getAddress(parameters.safe)
  const module = getAddress(parameters.module)
  const calls: SafeCall[] = [
    {
      to: module,
      data: encodeFunctionData({ abi: spendingLimitModuleAbi, functionName: 'endDelegations' }),
    },
  ]
  const prev = await previousModule(connection, safe, module)
  if (prev) {
    const data = encodeFunctionData({
      abi: safeModuleAbi,
      functionName: 'disableModule',
      args: [prev, module],
    })
    calls.push({ to: safe, data })
  }
  const step = await proposeOwnersStep(connection, store, {
    infrastructure,
    safe,
    ownerKey,
    calls,
    description: prev
      ? 'End every spending-limit delegation and disable the module'
      : 'End every spending-limit delegation',
  })
  return { ...step, wasEnabled: prev !== undefined }
}

/** The module before `module` in the Safe's list (the sentinel when it is first); undefined when not enabled. */
async function previousModule(
  connection: ChainConnection,
  safe: Address,
  module: Address,
): Promise<Address | undefined> {
  let start = SENTINEL
  for (;;) {
    const [page, next] = await connection.publicClient.readContract({
      address: safe,
      abi: safeModuleAbi,
      functionName: 'getModulesPaginated',
      args: [start, 100n],
    })
    const index = page.findIndex((m) => isAddressEqual(m, module))
    if (index === 0) return start
    if (index > 0) return page[index - 1]
    if (page.length === 0 || isAddressEqual(next, SENTINEL)) return undefined
    start = next
  }
}
