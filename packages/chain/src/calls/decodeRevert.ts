import {
  type Abi,
  type Address,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  type Hex,
  isHex,
} from 'viem'
import { ContractCallRevertedError } from '../errors.js'

/** A contract's revert: its custom error's name and values (`Error` with a `require` message, `Panic` with a code). */
export type Revert = {
  errorName: string
  args: readonly unknown[]
  /** The `require` message or the panic's meaning, for `Error` and `Panic`. */
  reason?: string | undefined
  /** The contract called, when the error says. */
  contractAddress?: Address | undefined
}

export type DecodeRevertOptions = {
  /** Decodes revert data that viem left undecoded (a deployment, a raw transaction, an error the call's ABI lacks). */
  abi?: Abi | readonly unknown[] | undefined
}

/**
 * The contract's revert inside any error thrown by a call, a transaction or this package's write path (viem's
 * `ContractFunctionRevertedError`, raw JSON-RPC revert data, a `ContractCallRevertedError`), found by following
 * `cause`s; undefined when the error is no revert or its data decodes to nothing known (network, nonce and
 * gas failures, a revert without data).
 *
 * @example
 * try {
 *   await connection.publicClient.simulateContract({ account, address, abi, functionName: 'transfer', args })
 * } catch (error) {
 *   const revert = decodeRevert(error)
 *   if (revert?.errorName === 'ERC20InsufficientBalance') console.error(`needs ${revert.args[2]} wei`)
 * }
 */
export function decodeRevert(error: unknown, options: DecodeRevertOptions = {}): Revert | undefined {
  const typed = findCause(error, (e) => e instanceof ContractCallRevertedError)
  if (typed) {
    const { errorName, args, reason, contractAddress } = typed
    return errorName === undefined ? undefined : { errorName, args, reason, contractAddress }
  }
  const contractAddress = findCause(
    error,
    (e) => e instanceof ContractFunctionExecutionError,
  )?.contractAddress
  const reverted = findCause(error, (e) => e instanceof ContractFunctionRevertedError)
  if (reverted?.data) return revertOf(reverted, contractAddress)
  const raw = findCause(error, (e): e is { data: Hex } => isRevertData((e as { data?: unknown }).data))
  if (!raw) return undefined
  const decoded = new ContractFunctionRevertedError({
    abi: (options.abi ?? []) as Abi,
    data: raw.data,
    functionName: '',
  })
  return decoded.data ? revertOf(decoded, contractAddress) : undefined
}

function revertOf(reverted: ContractFunctionRevertedError, contractAddress: Address | undefined): Revert {
  const { errorName, args = [] } = reverted.data!
  return { errorName, args, reason: reverted.reason, contractAddress }
}

/** Follows `cause` links from `error` to the first that matches. */
function findCause<T>(error: unknown, matches: (e: unknown) => e is T): T | undefined
function findCause<T>(error: unknown, matches: (e: unknown) => boolean): T | undefined
function findCause(error: unknown, matches: (e: unknown) => boolean): unknown {
  let current = error
  for (let depth = 0; current && typeof current === 'object' && depth < 32; depth++) {
    if (matches(current)) return current
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function isRevertData(data: unknown): data is Hex {
  return typeof data === 'string' && isHex(data) && data.length >= 10
}
