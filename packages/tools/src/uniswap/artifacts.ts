import { createRequire } from 'node:module'
import { type Abi, type Hex, keccak256 } from 'viem'
import { UniswapArtifactError } from './errors.js'

/**
 * The init code hash that `UniswapV2Library.pairFor` in v2-periphery hard-codes to compute pair addresses
 * (CREATE2 by the factory) without a call.
 */
export const CANONICAL_PAIR_INIT_CODE_HASH =
  '0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f' as const

type Artifact = { abi: Abi; bytecode: Hex }
type ArtifactJson = { abi: Abi; bytecode?: string; evm?: { bytecode?: { object?: string } } }

const require = createRequire(import.meta.url)

function load(module: string): Artifact {
  const json = require(module) as ArtifactJson
  const object = json.bytecode ?? json.evm?.bytecode?.object
  if (!object) throw new UniswapArtifactError(`${module} has no bytecode`)
  return { abi: json.abi, bytecode: (object.startsWith('0x') ? object : `0x${object}`) as Hex }
}

/**
 * The audited Uniswap v2 build artifacts shipped in `@uniswap/v2-core` 1.0.1 and `@uniswap/v2-periphery`
 * 1.1.0-beta.0, unmodified except for the router's pair init code hash (see `routerBytecode`).
 */
export const uniswapArtifacts = {
  factory: load('@uniswap/v2-core/build/UniswapV2Factory.json'),
  pair: load('@uniswap/v2-core/build/UniswapV2Pair.json'),
  weth9: load('@uniswap/v2-periphery/build/WETH9.json'),
  router02: load('@uniswap/v2-periphery/build/UniswapV2Router02.json'),
}

/** keccak256 of the pair creation code the factory deploys with CREATE2. */
export const pairInitCodeHash = keccak256(uniswapArtifacts.pair.bytecode)

/**
 * Router02's creation code, made to agree with the factory's pairs.
 *
 * The router never asks the factory where a pair is: `UniswapV2Library.pairFor` computes the CREATE2
 * address from a hash compiled into the router. If that hash and the hash of the pair creation code inside
 * the factory differ, every router call reaches an address without code and reverts. With the npm
 * artifacts of v2-core 1.0.1 and v2-periphery 1.1.0-beta.0 they agree: the factory embeds the pair
 * artifact's bytecode verbatim, whose keccak256 is the canonical `96e8ac42…845f`, and the router embeds that
 * same hash once. Should another artifact version differ, the hash bytes are replaced here (the hash is a
 * PUSH32 constant, so swapping 32 bytes changes nothing else) rather than deploying a broken router.
 */
export function routerBytecode(): Hex {
  const { factory, pair, router02 } = uniswapArtifacts
  if (!factory.bytecode.includes(pair.bytecode.slice(2))) {
    throw new UniswapArtifactError('the UniswapV2Factory artifact does not embed the UniswapV2Pair artifact')
  }
  const canonical = CANONICAL_PAIR_INIT_CODE_HASH.slice(2)
  const occurrences = router02.bytecode.split(canonical).length - 1
  if (occurrences !== 1) {
    throw new UniswapArtifactError(
      `expected the pair init code hash once in UniswapV2Router02, found it ${occurrences} times`,
    )
  }
  return router02.bytecode.replace(canonical, pairInitCodeHash.slice(2)) as Hex
}
