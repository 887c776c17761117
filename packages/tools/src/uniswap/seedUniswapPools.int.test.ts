import { useDeployedDevnet } from '@openledger/chain/testing'
import { getContractAddress, keccak256, parseEther, parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import { uniswapV2FactoryAbi, uniswapV2PairAbi, uniswapV2RouterAbi } from './abis.js'
import {
  CANONICAL_PAIR_INIT_CODE_HASH,
  pairInitCodeHash,
  routerBytecode,
  uniswapArtifacts,
} from './artifacts.js'
import { seedUniswapPools } from './seedUniswapPools.js'
import type { UniswapAddresses } from './types.js'

let uniswap: UniswapAddresses
// Account 6 holds the genesis liquidity share of OPEN.
const devnet = useDeployedDevnet(async ({ env, account }) => {
  uniswap = await seedUniswapPools(env.connection, {
    deployer: account(6),
    open: env.manifest.contracts.OpenToken,
  })
})

describe('Uniswap v2 on the devnet', () => {
  it('uses the canonical pair init code hash, so the router needs no patch', () => {
    expect(pairInitCodeHash).toBe(CANONICAL_PAIR_INIT_CODE_HASH)
    expect(routerBytecode()).toBe(uniswapArtifacts.router02.bytecode)
  })

  it('wires the router to the factory and WETH', async () => {
    const client = devnet.env.connection.publicClient
    const read = (functionName: 'factory' | 'WETH') =>
      client.readContract({ address: uniswap.router, abi: uniswapV2RouterAbi, functionName })
    expect(await read('factory')).toBe(uniswap.factory)
    expect(await read('WETH')).toBe(uniswap.weth)
  })

  it('creates pairs at the CREATE2 addresses the router computes', async () => {
    const client = devnet.env.connection.publicClient
    for (const [pair, token] of [
      [uniswap.pairs.openWeth, uniswap.weth],
      [uniswap.pairs.openUsdc, uniswap.usdc],
    ] as const) {
      const [token0, token1] =
        BigInt(uniswap.open) < BigInt(token) ? [uniswap.open, token] : [token, uniswap.open]
      const salt = keccak256(`0x${token0.slice(2)}${token1.slice(2)}`)
      expect(
        getContractAddress({
          opcode: 'CREATE2',
          from: uniswap.factory,
          salt,
          bytecodeHash: pairInitCodeHash,
        }),
      ).toBe(pair)
      expect(
        await client.readContract({
          address: uniswap.factory,
          abi: uniswapV2FactoryAbi,
          functionName: 'getPair',
          args: [token, uniswap.open],
        }),
      ).toBe(pair)
    }
  })

  it('seeds both pools with the default reserves', async () => {
    const client = devnet.env.connection.publicClient
    const reservesOf = async (pair: `0x${string}`, token: `0x${string}`) => {
      const [r0, r1] = await client.readContract({
        address: pair,
        abi: uniswapV2PairAbi,
        functionName: 'getReserves',
      })
      const token0 = await client.readContract({
        address: pair,
        abi: uniswapV2PairAbi,
        functionName: 'token0',
      })
      return token0 === token ? { token: r0, open: r1 } : { token: r1, open: r0 }
    }
    expect(await reservesOf(uniswap.pairs.openWeth, uniswap.weth)).toEqual({
      open: parseEther('1000000'),
      token: parseEther('500'),
    })
    expect(await reservesOf(uniswap.pairs.openUsdc, uniswap.usdc)).toEqual({
      open: parseEther('1000000'),
      token: parseUnits('500000', 6),
    })
  })
})
