import { type ChainConnection, decodeRevert, sendContractCall } from '@openledger/chain'
import { type Account, type Address, type Hex, parseEventLogs, type TransactionReceipt } from 'viem'
import { InvalidInputError } from '../errors/toolErrors.js'
import { erc20Abi, uniswapV2PairAbi, uniswapV2RouterAbi } from '../uniswap/abis.js'
import type { UniswapAddresses } from '../uniswap/types.js'
import { InsufficientBalanceError, SlippageExceededError } from './errors.js'
import { quoteSwap } from './quoteSwap.js'

export type SwapExactInParameters = {
  /** Signs the approval and the swap, and spends `amountIn`. */
  account: Account
  tokenIn: Address
  tokenOut: Address
  amountIn: bigint
  /** How far below `expectedAmountOut` the output may fall, in basis points (0–10,000); default 50 (0.5%). */
  slippageBps?: number
  /** The output the caller agreed to, e.g. from an earlier `quoteSwap`; default: a quote taken now. */
  expectedAmountOut?: bigint
  /** Default: `account`. */
  recipient?: Address
  /** The swap must be mined within this many seconds of the latest block; default 600. */
  deadlineSeconds?: number
}
export type SwapExactInReturnType = {
  hash: Hex
  receipt: TransactionReceipt
  /** The approval of the router sent first, when the allowance was short. */
  approvalHash: Hex | undefined
  amountIn: bigint
  /** What the recipient received. */
  amountOut: bigint
  /** The least output the router was told to accept. */
  amountOutMin: bigint
  /** Unix seconds after which the router would have refused the swap. */
  deadline: bigint
}

/**
 * Swaps exactly `amountIn` of `tokenIn` for `tokenOut` (`swapExactTokensForTokens`), approving the router for
 * `amountIn` first when the allowance is short. The output must be at least `expectedAmountOut` less
 * `slippageBps`: a pool that already moved beyond that is refused before anything is sent, and one that
 * moves while the swap is pending makes the router revert; both are a `SlippageExceededError`. Too small a
 * balance is an `InsufficientBalanceError`, no pool a `NoPoolError`.
 *
 * @example
 * const quote = await quoteSwap(connection, addresses, { tokenIn, tokenOut, amountIn })
 * const { amountOut } = await swapExactIn(connection, addresses, {
 *   account,
 *   tokenIn,
 *   tokenOut,
 *   amountIn,
 *   expectedAmountOut: quote.amountOut,
 *   slippageBps: 50,
 * })
 */
export async function swapExactIn(
  connection: ChainConnection,
  addresses: Pick<UniswapAddresses, 'factory' | 'router'>,
  parameters: SwapExactInParameters,
): Promise<SwapExactInReturnType> {
  const { account, tokenIn, tokenOut, amountIn, slippageBps = 50, deadlineSeconds = 600 } = parameters
  const recipient = parameters.recipient ?? account.address
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) {
    throw new InvalidInputError('slippageBps', `must be a whole number from 0 to 10,000, got ${slippageBps}`)
  }
  const quote = await quoteSwap(connection, addresses, { tokenIn, tokenOut, amountIn })
  const balance = await connection.publicClient.readContract({
    address: tokenIn,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account.address],
  })
  if (balance < amountIn) {
    throw new InsufficientBalanceError({
      account: account.address,
      token: tokenIn,
      balance,
      needed: amountIn,
      label: `${quote.tokenIn.symbol} base units`,
    })
  }
  const expected = parameters.expectedAmountOut ?? quote.amountOut
  const amountOutMin = (expected * BigInt(10_000 - slippageBps)) / 10_000n
  if (quote.amountOut < amountOutMin) {
    throw new SlippageExceededError({ expected, minimum: amountOutMin, quoted: quote.amountOut, slippageBps })
  }
  const approvalHash = await approveIfShort(connection, account, tokenIn, addresses.router, amountIn)
  const { timestamp } = await connection.publicClient.getBlock()
  const deadline = timestamp + BigInt(deadlineSeconds)
  let sent: { hash: Hex; receipt: TransactionReceipt }
  try {
    sent = await sendContractCall(connection, {
      account,
      address: addresses.router,
      abi: uniswapV2RouterAbi,
      functionName: 'swapExactTokensForTokens',
      args: [amountIn, amountOutMin, [tokenIn, tokenOut], recipient, deadline],
    })
  } catch (error) {
    if (decodeRevert(error)?.reason === 'UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT') {
      throw new SlippageExceededError({ expected, minimum: amountOutMin, slippageBps, cause: error })
    }
    throw error
  }
  const [swap] = parseEventLogs({ abi: uniswapV2PairAbi, eventName: 'Swap', logs: sent.receipt.logs }).filter(
    (log) => log.address.toLowerCase() === quote.pair.toLowerCase(),
  )
  const amountOut = swap ? swap.args.amount0Out + swap.args.amount1Out : 0n
  return { hash: sent.hash, receipt: sent.receipt, approvalHash, amountIn, amountOut, amountOutMin, deadline }
}

async function approveIfShort(
  connection: ChainConnection,
  account: Account,
  token: Address,
  spender: Address,
  amount: bigint,
): Promise<Hex | undefined> {
  const allowance = await connection.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [account.address, spender],
  })
  if (allowance >= amount) return undefined
  const { hash } = await sendContractCall(connection, {
    account,
    address: token,
    abi: erc20Abi,
    functionName: 'approve',
    args: [spender, amount],
  })
  return hash
}
