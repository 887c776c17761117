import { decodeRevert } from '../calls/decodeRevert.js'
import { NoRevertError } from '../errors.js'

export type Revert = { errorName: string; args: readonly unknown[] }

/**
 * For tests: awaits a call or transaction expected to revert and returns its decoded revert (a custom error,
 * or `Error` with the reason string), read by `decodeRevert`. viem decodes reverts of contract calls itself;
 * for anything else (a contract creation, a raw `sendTransaction`) the revert data is decoded with `abi`.
 * Throws `NoRevertError` when the promise resolves, and the error itself when it carries no revert data.
 *
 * @example
 * expect(await revertOf(token.write.permit(args))).toEqual({ errorName: 'ERC2612ExpiredSignature', args: [deadline] })
 */
export async function revertOf(promise: Promise<unknown>, abi: readonly unknown[] = []): Promise<Revert> {
  let error: unknown
  try {
    await promise
  } catch (caught) {
    error = caught
  }
  if (error === undefined) throw new NoRevertError()
  const revert = decodeRevert(error, { abi })
  if (!revert) throw error
  return { errorName: revert.errorName, args: revert.args }
}
