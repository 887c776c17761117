import { type Abi, BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex, isHex } from 'viem'

export type Revert = { errorName: string; args: readonly unknown[] }

/**
 * For tests: awaits a call or transaction expected to revert and returns its decoded revert (a custom error,
 * or `Error` with the reason string). viem decodes reverts of contract calls itself; for anything else (a
 * contract creation, a raw `sendTransaction`) the revert data is decoded with `abi`. Throws when the promise
 * resolves, or when it rejects without revert data.
 *
 * @example
 * expect(await revertOf(token.write.permit(args))).toEqual({ errorName: 'ERC2612ExpiredSignature', args: [deadline] })
 */
export async function revertOf(promise: Promise<unknown>, abi: Abi = []): Promise<Revert> {
  let error: unknown
  try {
    await promise
  } catch (caught) {
    error = caught
  }
  if (error === undefined) throw new Error('expected a revert, but it succeeded')
  if (!(error instanceof BaseError)) throw error
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
  if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
    return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] }
  }
  const withData = error.walk((e) => isRevertData((e as { data?: unknown }).data)) as { data?: Hex } | null
  if (!withData?.data) throw error
  const decoded = decodeErrorResult({ abi, data: withData.data })
  return { errorName: decoded.errorName, args: decoded.args ?? [] }
}

function isRevertData(data: unknown): data is Hex {
  return typeof data === 'string' && isHex(data) && data.length >= 10
}
