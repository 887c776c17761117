import { type ChainConnection, deployContract } from '@openledger/chain'
import type { Account } from 'viem'
import { routerBytecode, uniswapArtifacts } from './artifacts.js'
import type { UniswapCore } from './types.js'

export type DeployUniswapParameters = {
  /** Deploys the contracts and becomes the factory's `feeToSetter` (the protocol fee stays off). */
  deployer: Account
}
export type DeployUniswapReturnType = UniswapCore

/**
 * Deploys WETH9, UniswapV2Factory and UniswapV2Router02 from the npm build artifacts of Uniswap v2, for a
 * devnet. The router's pair init code hash is checked against the factory's pair (see `routerBytecode`).
 *
 * @example
 * const { weth, factory, router } = await deployUniswap(connection, { deployer: account })
 */
export async function deployUniswap(
  connection: ChainConnection,
  parameters: DeployUniswapParameters,
): Promise<DeployUniswapReturnType> {
  const { deployer } = parameters
  const { weth9, factory, router02 } = uniswapArtifacts
  const bytecode = routerBytecode()
  const weth = await deployContract(connection, deployer, { ...weth9, args: [] })
  const factoryAddress = await deployContract(connection, deployer, { ...factory, args: [deployer.address] })
  const router = await deployContract(connection, deployer, {
    abi: router02.abi,
    bytecode,
    args: [factoryAddress, weth],
  })
  return { weth, factory: factoryAddress, router }
}
