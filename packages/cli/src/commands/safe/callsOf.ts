import type { SafeCall } from '@openledger/chain'
import { openTokenAbi } from '@openledger/contracts'
import { type Address, encodeFunctionData, type Hex, parseUnits } from 'viem'
import { SafeCallError } from './errors.js'

/** What `safe propose` was told to call. */
export type CallOptions = {
  to?: Address
  value?: bigint
  data?: Hex
  sendOpen?: Address
  amount?: string
  description?: string
}

/**
 * The Safe calls `safe propose` proposes: a raw call (`--to`, `--value`, `--data`), or an OPEN transfer from
 * the treasury (`--send-open`, `--amount`), which also gets a description when none was given.
 */
export function callsOf(options: CallOptions, token: Address): { calls: SafeCall[]; description?: string } {
  if (options.sendOpen) {
    if (!options.amount) throw new SafeCallError('--send-open needs --amount <OPEN>.')
    const data = encodeFunctionData({
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [options.sendOpen, parseUnits(options.amount, 18)],
    })
    const description = options.description ?? `send ${options.amount} OPEN to ${options.sendOpen}`
    return { calls: [{ to: token, data }], description }
  }
  if (!options.to)
    throw new SafeCallError('Say what to call: --to <address> [--value] [--data], or --send-open.')
  return { calls: [{ to: options.to, value: options.value ?? 0n, data: options.data ?? '0x' }] }
}
