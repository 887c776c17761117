import type { Address } from 'viem'

/** Where Uniswap v2 and its seeded pools live on a chain, as `seedUniswapPools` returns them. */
export type UniswapAddresses = {
  /** The OPEN token the pools trade against. */
  open: Address
  weth: Address
  factory: Address
  router: Address
  /** The devnet-only `TestStablecoin` (USDC, 6 decimals). */
  usdc: Address
  pairs: { openWeth: Address; openUsdc: Address }
}

/** The contracts `deployUniswap` deploys. */
export type UniswapCore = Pick<UniswapAddresses, 'weth' | 'factory' | 'router'>
