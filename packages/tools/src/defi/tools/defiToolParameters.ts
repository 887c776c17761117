import type { ChainConnection } from '@openledger/chain'
import type { Account } from 'viem'
import type { ToolAmount as SharedToolAmount } from '../../internal/toolAmount.js'
import type { ToolErrorResult } from '../../internal/toolResult.js'
import type { UniswapAddresses } from '../../uniswap/types.js'
import type { DefiErrorCode } from '../errors.js'

/** What every DeFi tool factory takes. */
export type DefiToolParameters = {
  connection: ChainConnection
  addresses: UniswapAddresses
  /** Signs swaps; without it the swap tool answers `NO_ACCOUNT`. */
  account?: Account
}

/** A token amount in a tool result: base units as a decimal string, and in whole tokens. */
export type ToolAmount = SharedToolAmount

/** A DeFi tool's failure, for the model to explain: never thrown, always returned as JSON. */
export type ToolError = ToolErrorResult<DefiErrorCode>
