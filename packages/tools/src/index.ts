// DeFi (Uniswap v2)

// Datanet search, specialist models, attribution lookup
export {
  type AttributionContributor,
  type AttributionLookupToolParameters,
  attributionLookupTool,
} from './attribution/attributionLookupTool.js'
export {
  DATANET_RETRIEVAL_EVENT,
  type DatanetSearchRow,
  type DatanetSearchToolParameters,
  datanetSearchTool,
} from './datanet/datanetSearchTool.js'
export {
  DefiError,
  type DefiErrorCode,
  InsufficientBalanceError,
  NoAccountError,
  NoPoolError,
  SlippageExceededError,
} from './defi/errors.js'
export { type GetPoolInfoParameters, type GetPoolInfoReturnType, getPoolInfo } from './defi/getPoolInfo.js'
export {
  type GetPriceParameters,
  type GetPriceReturnType,
  getPrice,
  PRICE_DECIMALS,
} from './defi/getPrice.js'
export { type QuoteSwapParameters, type QuoteSwapReturnType, quoteSwap } from './defi/quoteSwap.js'
export {
  knownTokenSymbols,
  type ResolveTokenParameters,
  type ResolveTokenReturnType,
  resolveToken,
} from './defi/resolveToken.js'
export { type SwapExactInParameters, type SwapExactInReturnType, swapExactIn } from './defi/swapExactIn.js'
export type { DefiToolParameters, ToolAmount, ToolError } from './defi/tools/defiToolParameters.js'
export { uniswapPoolTool } from './defi/tools/uniswapPoolTool.js'
export { uniswapPriceTool } from './defi/tools/uniswapPriceTool.js'
export { uniswapQuoteTool } from './defi/tools/uniswapQuoteTool.js'
export { uniswapSwapTool } from './defi/tools/uniswapSwapTool.js'
export type { PoolToken, Token } from './defi/types.js'
export type { ModelClient, ToolEnvironment } from './environment.js'
export { CodedToolError, InvalidInputError, UnknownTokenError } from './errors/toolErrors.js'
export {
  type SpecialistModelToolParameters,
  specialistModelTool,
} from './specialist/specialistModelTool.js'
export { CANONICAL_PAIR_INIT_CODE_HASH, pairInitCodeHash } from './uniswap/artifacts.js'
export {
  type DeployUniswapParameters,
  type DeployUniswapReturnType,
  deployUniswap,
} from './uniswap/deployUniswap.js'
export { UniswapArtifactError, UniswapSeedError } from './uniswap/errors.js'
export {
  defaultSeedReserves,
  type SeedReserves,
  type SeedUniswapPoolsParameters,
  type SeedUniswapPoolsReturnType,
  seedUniswapPools,
} from './uniswap/seedUniswapPools.js'
export type { UniswapAddresses, UniswapCore } from './uniswap/types.js'
// Wallet (a user's Safe, spent from by an agent within an on-chain spending limit)
export {
  type AgentTransferParameters,
  type AgentTransferReturnType,
  agentTransfer,
} from './wallet/agentTransfer.js'
export { type CreateUserSafeParameters, createUserSafe } from './wallet/createUserSafe.js'
export { deploySpendingLimitModule } from './wallet/deploySpendingLimitModule.js'
export {
  type DisableSpendingLimitParameters,
  type DisableSpendingLimitReturnType,
  disableSpendingLimit,
} from './wallet/disableSpendingLimit.js'
export {
  type EnableSpendingLimitParameters,
  type EnableSpendingLimitReturnType,
  enableSpendingLimit,
  type SpendingAllowance,
} from './wallet/enableSpendingLimit.js'
export {
  SafeBalanceTooLowError,
  WalletError,
  type WalletErrorCode,
  WalletInputError,
  WalletUnknownTokenError,
} from './wallet/errors.js'
export {
  type GetAllowanceParameters,
  type GetAllowanceReturnType,
  getAllowance,
} from './wallet/getAllowance.js'
export {
  type GetBalancesParameters,
  type GetBalancesReturnType,
  getBalances,
  type WalletBalance,
} from './wallet/getBalances.js'
export { getTokenInfo, type WalletToken } from './wallet/getTokenInfo.js'
export { NATIVE_TOKEN } from './wallet/nativeToken.js'
export {
  type ProposeOwnersStepParameters,
  type ProposeOwnersStepReturnType,
  proposeOwnersStep,
} from './wallet/proposeOwnersStep.js'
export {
  type ProposeSafeTransferParameters,
  type ProposeSafeTransferReturnType,
  proposeSafeTransfer,
} from './wallet/proposeSafeTransfer.js'
export { type ResolveWalletTokenParameters, resolveWalletToken } from './wallet/resolveWalletToken.js'
export {
  type RevokeDelegateParameters,
  type RevokeDelegateReturnType,
  revokeDelegate,
} from './wallet/revokeDelegate.js'
export { safeModuleAbi } from './wallet/safeModuleAbi.js'
export { walletBalancesTool } from './wallet/tools/walletBalancesTool.js'
export type {
  WalletToolAmount,
  WalletToolError,
  WalletToolParameters,
} from './wallet/tools/walletToolParameters.js'
export { walletTransferTool } from './wallet/tools/walletTransferTool.js'
