import {
  type ChainConnection,
  executeSafeTransaction,
  proposeSafeTransaction,
  type SafeCall,
  type SafeInfrastructure,
  signSafeTransaction,
} from '@openledger/chain'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import type { Store } from '@openledger/store'
import { type Address, encodeFunctionData, getAddress, type Hex } from 'viem'
import { WalletInputError } from './errors.js'
import { safeModuleAbi } from './safeModuleAbi.js'

/** One token's allowance: `amount` (base units; `NATIVE_TOKEN` for ether) per `resetPeriod` seconds. */
export type SpendingAllowance = {
  token: Address
  amount: bigint
  /** Seconds of block time after which spending resets; 0 for a one-time allowance. */
  resetPeriod: number
}

export type EnableSpendingLimitParameters = {
  infrastructure: SafeInfrastructure
  safe: Address
  /** The deployed `SpendingLimitModule`. */
  module: Address
  /** The agent's address, allowed to spend within the allowances. */
  delegate: Address
  allowances: readonly SpendingAllowance[]
  /** Owners' keys, at least the Safe's threshold: the first proposes and executes, the rest sign. */
  ownerKeys: readonly Hex[]
}

export type EnableSpendingLimitReturnType = { safeTxHash: Hex; txHash: Hex; moduleEnabled: boolean }

/**
 * Through one Safe transaction signed by the owners: enables the spending limit module on the Safe (when it
 * is not enabled yet, ending in the same step any delegation an earlier bare `disableModule` left behind, so a
 * re-enable through this function revives none) and sets the delegate's allowances. `moduleEnabled` says whether this call enabled it.
 * Too few owner keys is a `SafeInsufficientSignaturesError` (the proposal stays in the store).
 *
 * @example
 * await enableSpendingLimit(connection, store, {
 *   infrastructure: manifest.safe, safe, module, delegate: agent.address, ownerKeys: [ownerKey],
 *   allowances: [{ token: manifest.contracts.OpenToken, amount: parseEther('10'), resetPeriod: 86_400 }],
 * })
 */
export async function enableSpendingLimit(
  connection: ChainConnection,
  store: Store,
  parameters: EnableSpendingLimitParameters,
): Promise<EnableSpendingLimitReturnType> {
  const { infrastructure, allowances, ownerKeys } = parameters
  const safe = getAddress(parameters.safe)
  const module = getAddress(parameters.module)
  const delegate = getAddress(parameters.delegate)
  const [proposerKey, ...signerKeys] = ownerKeys
  if (!proposerKey) throw new WalletInputError('ownerKeys', 'at least one owner key is needed')
  if (allowances.length === 0) throw new WalletInputError('allowances', 'at least one allowance is needed')
  for (const { amount, resetPeriod } of allowances) {
    if (amount <= 0n) throw new WalletInputError('allowances.amount', `must be more than zero, got ${amount}`)
    if (!Number.isSafeInteger(resetPeriod) || resetPeriod < 0) {
      throw new WalletInputError('allowances.resetPeriod', `must be whole seconds ≥ 0, got ${resetPeriod}`)
    }
  }
  const enabled = await connection.publicClient.readContract({
    address: safe,
    abi: safeModuleAbi,
    functionName: 'isModuleEnabled',
    args: [module],
  })
  const calls: SafeCall[] = [
    ...(enabled
      ? []
      : [
          {
            to: safe,
            data: encodeFunctionData({ abi: safeModuleAbi, functionName: 'enableModule', args: [module] }),
          },
          // A fresh generation: delegations a bare disable left unrecorded do not come back with the module.
          {
            to: module,
            data: encodeFunctionData({ abi: spendingLimitModuleAbi, functionName: 'endDelegations' }),
          },
        ]),
    ...allowances.map((a) => ({
      to: module,
      data: encodeFunctionData({
        abi: spendingLimitModuleAbi,
        functionName: 'setAllowance',
        args: [delegate, getAddress(a.token), a.amount, BigInt(a.resetPeriod)],
      }),
    })),
  ]
  const { safeTxHash } = await proposeSafeTransaction(connection, store, {
    infrastructure,
    safeAddress: safe,
    proposerKey,
    calls,
    description: `Spending limit for ${delegate}`,
  })
  for (const signerKey of signerKeys) {
    await signSafeTransaction(connection, store, { infrastructure, safeTxHash, signerKey })
  }
  const { txHash } = await executeSafeTransaction(connection, store, {
    infrastructure,
    safeTxHash,
    executorKey: proposerKey,
  })
  return { safeTxHash, txHash, moduleEnabled: !enabled }
}
