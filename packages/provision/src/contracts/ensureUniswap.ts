import type { ChainConnection } from '@openledger/chain'
import { seedUniswapPools, type UniswapAddresses } from '@openledger/tools'
import type { LocalAccount } from 'viem'
import { deployedAt, stillDeployed } from '../funding/codeHashAt.js'
import type { ProvisionState } from '../state/provisionState.js'

export type EnsureUniswapReturnType = { uniswap: UniswapAddresses; deployed: boolean; state: ProvisionState }

/**
 * Uniswap v2 with seeded OPEN/WETH and OPEN/USDC pools: the remembered deployment when its code is still on
 * the chain (a restarted devnet has none), else a new one by `liquidity` (`seedUniswapPools`: the LP share
 * stays with it). Returns the state to remember.
 */
export async function ensureUniswap(
  connection: ChainConnection,
  parameters: { liquidity: LocalAccount; state: ProvisionState },
): Promise<EnsureUniswapReturnType> {
  const { state } = parameters
  const open = state.openToken
  const known = state.uniswap
  if (known && (await stillDeployed(connection, Object.values(known)))) {
    const uniswap: UniswapAddresses = {
      open,
      weth: known.weth.address,
      factory: known.factory.address,
      router: known.router.address,
      usdc: known.usdc.address,
      pairs: { openWeth: known.openWeth.address, openUsdc: known.openUsdc.address },
    }
    return { uniswap, deployed: false, state }
  }
  const uniswap = await seedUniswapPools(connection, { deployer: parameters.liquidity, open })
  const at = (address: UniswapAddresses['weth']) => deployedAt(connection, address)
  const remembered = {
    weth: await at(uniswap.weth),
    factory: await at(uniswap.factory),
    router: await at(uniswap.router),
    usdc: await at(uniswap.usdc),
    openWeth: await at(uniswap.pairs.openWeth),
    openUsdc: await at(uniswap.pairs.openUsdc),
  }
  return { uniswap, deployed: true, state: { ...state, uniswap: remembered } }
}
