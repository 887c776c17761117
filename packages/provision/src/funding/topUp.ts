import { type ChainConnection, sendContractCall, waitForReceipt } from '@openledger/chain'
import { type Address, erc20Abi, type LocalAccount } from 'viem'
import { ProvisionFundsError } from '../errors.js'

export type TopUpParameters = {
  /** Pays. */
  from: LocalAccount
  /** What `from` is for, in errors (e.g. `funder`). */
  role: string
  to: Address
  /** The balance `to` should hold at least: only the difference is sent. */
  target: bigint
  /** Send only when `to` holds less than this; default `target`. */
  below?: bigint
}

/** Sends `to` the ether it lacks to hold `target` wei; returns what was sent (0n when nothing). */
export async function topUpEther(connection: ChainConnection, parameters: TopUpParameters): Promise<bigint> {
  const { from, role, to, target, below = target } = parameters
  const balance = await connection.publicClient.getBalance({ address: to })
  if (balance >= below) return 0n
  const amount = target - balance
  const available = await connection.publicClient.getBalance({ address: from.address })
  if (available <= amount) throw new ProvisionFundsError(role, from.address, 'ETH', available, amount)
  const hash = await connection.walletClient(from).sendTransaction({ to, value: amount })
  await waitForReceipt(connection, { hash })
  return amount
}

/** Sends `to` the ERC-20 (`token`) it lacks to hold `target` base units; returns what was sent. */
export async function topUpToken(
  connection: ChainConnection,
  token: Address,
  parameters: TopUpParameters,
): Promise<bigint> {
  const { from, role, to, target } = parameters
  const balanceOf = (account: Address) =>
    connection.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [account],
    })
  const balance = await balanceOf(to)
  if (balance >= target) return 0n
  const amount = target - balance
  const available = await balanceOf(from.address)
  if (available < amount) throw new ProvisionFundsError(role, from.address, 'OPEN', available, amount)
  await sendContractCall(connection, {
    account: from,
    address: token,
    abi: erc20Abi,
    functionName: 'transfer',
    args: [to, amount],
  })
  return amount
}
