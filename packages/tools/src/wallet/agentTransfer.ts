import {
  type ChainConnection,
  decodeRevert,
  type SafeInfrastructure,
  sendContractCall,
} from '@openledger/chain'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import type { Store } from '@openledger/store'
import { type Account, type Address, getAddress, type Hex, isAddress } from 'viem'
import { SafeBalanceTooLowError, WalletInputError } from './errors.js'
import { getAllowance } from './getAllowance.js'
import { balanceOf } from './getBalances.js'
import { getTokenInfo } from './getTokenInfo.js'
import { proposeSafeTransfer } from './proposeSafeTransfer.js'

export type AgentTransferParameters = {
  infrastructure: SafeInfrastructure
  /** The deployed `SpendingLimitModule`, enabled on the Safe. */
  module: Address
  /** The agent's key: a delegate of the Safe on the module. */
  delegate: Account
  safe: Address
  /** `NATIVE_TOKEN` for the native token. */
  token: Address
  to: Address
  /** Base units, more than zero. */
  amount: bigint
  /** The most over-limit proposals the delegate may have pending on the Safe (chain's default: 5). */
  maxPendingProposals?: number | undefined
}

export type AgentTransferReturnType =
  | {
      status: 'sent'
      txHash: Hex
      amount: bigint
      /** The allowance left in this period after the transfer. */
      remaining: bigint
    }
  | {
      status: 'proposal'
      /** The Safe transaction the owners must sign and execute. */
      safeTxHash: Hex
      nonce: bigint
      /** True when the same request was pending already: that proposal is returned, no new one stored. */
      existing: boolean
      requested: bigint
      /** What the allowance still allows in this period: less than `requested`. */
      remaining: bigint
      /** Block time (seconds) the allowance resets; `null` for a one-time allowance. */
      resetsAt: number | null
    }

/**
 * An agent's transfer from a Safe. Within the delegate's allowance it executes through the spending limit
 * module at once. Above it nothing moves: a Safe transaction for the transfer is proposed (stored, unsigned)
 * for the owners to sign, and the result says why (`remaining` < `requested`); the same request again while
 * it is pending returns that proposal, and too many pending is a chain `SafeProposalLimitError`. A Safe
 * holding less than `amount` is a `SafeBalanceTooLowError` (nothing is proposed); a bad address or amount a
 * `WalletInputError`.
 *
 * @example
 * const result = await agentTransfer(connection, store, {
 *   infrastructure: manifest.safe, module, delegate: agent, safe, token: open, to, amount: parseEther('5'),
 * })
 * if (result.status === 'proposal') console.log(`ask the owner to sign ${result.safeTxHash}`)
 */
export async function agentTransfer(
  connection: ChainConnection,
  store: Store,
  parameters: AgentTransferParameters,
): Promise<AgentTransferReturnType> {
  const { infrastructure, delegate, amount } = parameters
  const safe = addressOf('safe', parameters.safe)
  const token = addressOf('token', parameters.token)
  const to = addressOf('to', parameters.to)
  const module = addressOf('module', parameters.module)
  if (amount <= 0n) throw new WalletInputError('amount', `must be more than zero, got ${amount}`)
  const balance = await balanceOf(connection, safe, token)
  if (balance < amount) {
    const { symbol, decimals } = await getTokenInfo(connection, token)
    const label = `base units of ${symbol} (${decimals} decimals)`
    throw new SafeBalanceTooLowError({ safe, token, balance, needed: amount, label })
  }
  const allowance = await getAllowance(connection, { module, safe, delegate: delegate.address, token })
  if (amount <= allowance.remaining) {
    const txHash = await executeWithinLimit(connection, { module, delegate, safe, token, to, amount })
    if (txHash) return { status: 'sent', txHash, amount, remaining: allowance.remaining - amount }
  }
  // Over the limit, or the limit shrank between the read and the transfer: the owners decide.
  const latest = await getAllowance(connection, { module, safe, delegate: delegate.address, token })
  const { safeTxHash, nonce, existing } = await proposeSafeTransfer(connection, store, {
    infrastructure,
    safe,
    token,
    to,
    amount,
    proposer: delegate.address,
    maxPending: parameters.maxPendingProposals,
    description: `Agent ${delegate.address} asks to send ${amount} of ${token} to ${to}: above its allowance (${latest.remaining} left)`,
  })
  return {
    status: 'proposal',
    safeTxHash,
    nonce,
    existing,
    requested: amount,
    remaining: latest.remaining,
    resetsAt: latest.resetsAt,
  }
}

/** Sends `executeTransfer`; `undefined` when the module refuses it with `AllowanceExceeded`. */
async function executeWithinLimit(
  connection: ChainConnection,
  parameters: {
    module: Address
    delegate: Account
    safe: Address
    token: Address
    to: Address
    amount: bigint
  },
): Promise<Hex | undefined> {
  const { module, delegate, safe, token, to, amount } = parameters
  try {
    const { hash } = await sendContractCall(connection, {
      account: delegate,
      address: module,
      abi: spendingLimitModuleAbi,
      functionName: 'executeTransfer',
      args: [safe, token, to, amount],
    })
    return hash
  } catch (error) {
    if (decodeRevert(error)?.errorName === 'AllowanceExceeded') return undefined
    throw error
  }
}

function addressOf(field: string, value: string): Address {
  if (!isAddress(value, { strict: false })) {
    throw new WalletInputError(field, `must be a 0x-prefixed 20-byte address, got '${value}'`)
  }
  return getAddress(value)
}
