import { type ChainConnection, deployContract, sendContractCall } from '@openledger/chain'
import { testStablecoinAbi, testStablecoinBytecode } from '@openledger/contracts/devnet'
import { type Account, type Address, parseEther, parseUnits, zeroAddress } from 'viem'
import { erc20Abi, uniswapV2FactoryAbi, uniswapV2RouterAbi, weth9Abi } from './abis.js'
import { deployUniswap } from './deployUniswap.js'
import { UniswapSeedError } from './errors.js'
import type { UniswapAddresses, UniswapCore } from './types.js'

/** The initial reserves of the two pools, in base units of each token. */
export type SeedReserves = {
  openWeth: { open: bigint; weth: bigint }
  openUsdc: { open: bigint; usdc: bigint }
}

/**
 * 1,000,000 OPEN against 500 WETH (1 OPEN = 0.0005 WETH, 1 WETH = 2,000 OPEN) and 1,000,000 OPEN against
 * 500,000 USDC (1 OPEN = 0.5 USDC, 1 USDC = 2 OPEN); together they price 1 WETH at 1,000 USDC.
 */
export const defaultSeedReserves: SeedReserves = {
  openWeth: { open: parseEther('1000000'), weth: parseEther('500') },
  openUsdc: { open: parseEther('1000000'), usdc: parseUnits('500000', 6) },
}

export type SeedUniswapPoolsParameters = {
  /** Deploys what is missing and provides the liquidity: must hold the OPEN and the ether it needs. */
  deployer: Account
  /** The OpenToken. */
  open: Address
  /** An existing WETH9, factory and router; default: `deployUniswap` deploys them. */
  core?: UniswapCore
  /** Default `defaultSeedReserves`. */
  reserves?: SeedReserves
}
export type SeedUniswapPoolsReturnType = UniswapAddresses

/**
 * For a devnet: deploys a `TestStablecoin` (USDC, 6 decimals), mints it, wraps ether, and creates and funds
 * OPEN/WETH and OPEN/USDC pools with exactly `reserves` (the LP tokens go to `deployer`). Deploys Uniswap v2
 * first unless `core` is given.
 *
 * @example
 * const uniswap = await seedUniswapPools(connection, { deployer: account, open: manifest.contracts.OpenToken })
 * // uniswap.pairs.openUsdc holds 1,000,000 OPEN and 500,000 USDC
 */
export async function seedUniswapPools(
  connection: ChainConnection,
  parameters: SeedUniswapPoolsParameters,
): Promise<SeedUniswapPoolsReturnType> {
  const { deployer, open, reserves = defaultSeedReserves } = parameters
  const openNeeded = reserves.openWeth.open + reserves.openUsdc.open
  const openBalance = await connection.publicClient.readContract({
    address: open,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [deployer.address],
  })
  if (openBalance < openNeeded) {
    throw new UniswapSeedError(
      deployer.address,
      `${deployer.address} holds ${openBalance} OPEN wei; seeding the pools needs ${openNeeded}`,
    )
  }
  const core = parameters.core ?? (await deployUniswap(connection, { deployer }))
  const usdc = await deployContract(connection, deployer, {
    abi: testStablecoinAbi,
    bytecode: testStablecoinBytecode,
    args: [deployer.address],
  })
  const approve = (token: Address, amount: bigint) =>
    sendContractCall(connection, {
      account: deployer,
      address: token,
      abi: erc20Abi,
      functionName: 'approve',
      args: [core.router, amount],
    })
  await sendContractCall(connection, {
    account: deployer,
    address: usdc,
    abi: testStablecoinAbi,
    functionName: 'mint',
    args: [deployer.address, reserves.openUsdc.usdc],
  })
  await sendContractCall(connection, {
    account: deployer,
    address: core.weth,
    abi: weth9Abi,
    functionName: 'deposit',
    args: [],
    value: reserves.openWeth.weth,
  })
  await approve(open, openNeeded)
  await approve(usdc, reserves.openUsdc.usdc)
  await approve(core.weth, reserves.openWeth.weth)
  const addLiquidity = async (token: Address, openAmount: bigint, tokenAmount: bigint): Promise<Address> => {
    const { timestamp } = await connection.publicClient.getBlock()
    await sendContractCall(connection, {
      account: deployer,
      address: core.router,
      abi: uniswapV2RouterAbi,
      functionName: 'addLiquidity',
      // The pools are new, so the desired amounts are the exact amounts: both minimums equal them.
      args: [
        open,
        token,
        openAmount,
        tokenAmount,
        openAmount,
        tokenAmount,
        deployer.address,
        timestamp + 600n,
      ],
    })
    const pair = await connection.publicClient.readContract({
      address: core.factory,
      abi: uniswapV2FactoryAbi,
      functionName: 'getPair',
      args: [open, token],
    })
    if (pair === zeroAddress)
      throw new UniswapSeedError(deployer.address, `addLiquidity created no OPEN/${token} pair`)
    return pair
  }
  const openWeth = await addLiquidity(core.weth, reserves.openWeth.open, reserves.openWeth.weth)
  const openUsdc = await addLiquidity(usdc, reserves.openUsdc.open, reserves.openUsdc.usdc)
  return { open, ...core, usdc, pairs: { openWeth, openUsdc } }
}
