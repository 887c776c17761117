import { BaseError } from '@openledger/errors'
import type { Address } from 'viem'

/**
 * The Uniswap v2 build artifacts on disk are not what `deployUniswap` expects (missing bytecode, a factory
 * that does not embed the pair, a router whose pair init code hash cannot be set).
 *
 * @example
 * if (error instanceof UniswapArtifactError) console.error('reinstall @uniswap/v2-core and v2-periphery')
 */
export class UniswapArtifactError extends BaseError {
  override name = 'UniswapArtifactError'
  constructor(problem: string) {
    super(`Unusable Uniswap v2 artifact: ${problem}.`)
  }
}

/**
 * Seeding the pools cannot go on: the deployer holds too little OPEN, or adding liquidity created no pair.
 *
 * @example
 * if (error instanceof UniswapSeedError) console.error(error.shortMessage)
 */
export class UniswapSeedError extends BaseError {
  override name = 'UniswapSeedError'
  readonly deployer: Address
  constructor(deployer: Address, problem: string) {
    super(`Cannot seed the Uniswap pools: ${problem}.`)
    this.deployer = deployer
  }
}
