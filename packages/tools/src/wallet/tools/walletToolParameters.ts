import type { ChainConnection, SafeInfrastructure } from '@openledger/chain'
import type { Store } from '@openledger/store'
import type { Account, Address } from 'viem'
import type { ToolAmount } from '../../internal/toolAmount.js'
import type { ToolErrorResult } from '../../internal/toolResult.js'
import type { WalletErrorCode } from '../errors.js'

/** What the wallet tool factories take: an agent (the delegate) spending from one user's Safe. */
export type WalletToolParameters = {
  connection: ChainConnection
  /** Where over-the-limit transfers are proposed for the owners. */
  store: Store
  infrastructure: SafeInfrastructure
  /** The deployed `SpendingLimitModule`, enabled on the Safe. */
  module: Address
  safe: Address
  /** The agent's key, a delegate of the Safe on the module. */
  delegate: Account
  /** ERC-20 tokens the agent may name by symbol (besides the native token). */
  tokens: readonly Address[]
}

/** A token amount in a tool result: base units as a decimal string, and in whole tokens. */
export type WalletToolAmount = ToolAmount

/** A wallet tool's failure, for the model to explain: never thrown, always returned as JSON. */
export type WalletToolError = ToolErrorResult<WalletErrorCode>
