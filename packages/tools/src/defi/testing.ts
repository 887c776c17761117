import type { ChainConnection } from '@openledger/chain'
import { type DeployedDevnetHooks, useDeployedDevnet } from '@openledger/chain/testing'
import { testStablecoinAbi } from '@openledger/contracts/devnet'
import { type Address, parseEther, parseUnits } from 'viem'
import { erc20Abi, uniswapV2PairAbi } from '../uniswap/abis.js'
import { seedUniswapPools } from '../uniswap/seedUniswapPools.js'
import type { UniswapAddresses } from '../uniswap/types.js'

/** Dev account 6 holds the genesis liquidity share: it deploys Uniswap, seeds the pools and owns USDC. */
export const LIQUIDITY = 6
/** Dev account 7 trades: 100,000 OPEN and 100,000 USDC. */
export const TRADER = 7

/**
 * For DeFi tests: `useDeployedDevnet` with Uniswap v2 deployed and both pools seeded by
 * `defaultSeedReserves`, and a funded trader; every test runs in a snapshot reverted afterwards.
 */
export function useUniswapDevnet(): DeployedDevnetHooks & { readonly uniswap: UniswapAddresses } {
  let uniswap: UniswapAddresses
  const hooks = useDeployedDevnet(async ({ env, account, address, clientOf, mined }) => {
    uniswap = await seedUniswapPools(env.connection, {
      deployer: account(LIQUIDITY),
      open: env.manifest.contracts.OpenToken,
    })
    const { wallet } = clientOf(LIQUIDITY)
    await mined(
      wallet.writeContract({
        address: uniswap.open,
        abi: erc20Abi,
        functionName: 'transfer',
        args: [address(TRADER), parseEther('100000')],
      }),
    )
    await mined(
      wallet.writeContract({
        address: uniswap.usdc,
        abi: testStablecoinAbi,
        functionName: 'mint',
        args: [address(TRADER), parseUnits('100000', 6)],
      }),
    )
  })
  // Object.assign would read the hooks' getters now, before the devnet exists: define a getter instead.
  return Object.defineProperty(hooks, 'uniswap', { get: () => uniswap }) as DeployedDevnetHooks & {
    readonly uniswap: UniswapAddresses
  }
}

/** Reserves read straight from the pair, ordered as asked: the independent side of the tests. */
export async function reservesOf(
  connection: ChainConnection,
  pair: Address,
  tokenIn: Address,
): Promise<{ reserveIn: bigint; reserveOut: bigint }> {
  const client = connection.publicClient
  const [r0, r1] = await client.readContract({
    address: pair,
    abi: uniswapV2PairAbi,
    functionName: 'getReserves',
  })
  const token0 = await client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: 'token0' })
  return token0 === tokenIn ? { reserveIn: r0, reserveOut: r1 } : { reserveIn: r1, reserveOut: r0 }
}

/** Uniswap v2's exact-in formula (x·y = k, 997/1000 of the input), written out independently of the SDK. */
export const constantProductOut = (amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint =>
  (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n)

export const balanceOf = (connection: ChainConnection, token: Address, owner: Address) =>
  connection.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [owner],
  })

/** Mints devnet USDC as its owner, the liquidity account. */
export async function mintUsdc(devnet: ReturnType<typeof useUniswapDevnet>, to: Address, amount: bigint) {
  await devnet.mined(
    devnet.clientOf(LIQUIDITY).wallet.writeContract({
      address: devnet.uniswap.usdc,
      abi: testStablecoinAbi,
      functionName: 'mint',
      args: [to, amount],
    }),
  )
}
