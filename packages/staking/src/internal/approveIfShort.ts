import { type ChainConnection, readContractCall, sendContractCall } from '@openledger/chain'
import { openTokenAbi } from '@openledger/contracts'
import type { Account, Address, Hex } from 'viem'
import { withStakingErrors } from './withStakingErrors.js'

/** Approves `spender` for exactly `amount` OPEN when the current allowance is short; returns the hash if sent. */
export async function approveIfShort(
  connection: ChainConnection,
  account: Account,
  parameters: { token: Address; spender: Address; amount: bigint },
): Promise<Hex | undefined> {
  const { token, spender, amount } = parameters
  const abi = openTokenAbi
  const allowance = await withStakingErrors(
    readContractCall(connection, {
      address: token,
      abi,
      functionName: 'allowance',
      args: [account.address, spender],
    }),
  )
  if (allowance >= amount) return undefined
  const { hash } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: token,
      abi,
      functionName: 'approve',
      args: [spender, amount],
    }),
  )
  return hash
}
