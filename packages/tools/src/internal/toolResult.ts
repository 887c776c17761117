import { shortMessageOf } from '@openledger/errors'
import { CodedToolError } from '../errors/toolErrors.js'

/** A tool's failure, for the model to explain: never thrown, always returned as JSON. */
export type ToolErrorResult<code extends string = string> = {
  error: { code: code | 'CHAIN_ERROR'; message: string }
}

/**
 * The one way a tool answers: runs its body and returns the result as a JSON string; a `CodedToolError`
 * (`DefiError`, `WalletError`) comes back as `{ error: { code, message } }`, any other failure as `CHAIN_ERROR`.
 *
 * @example
 * tool((input) => toolResult(async () => ({ balance: toolAmount(await balanceOf(input.account), token) })), spec)
 */
export async function toolResult(body: () => Promise<object>): Promise<string> {
  try {
    return JSON.stringify(await body())
  } catch (error) {
    const result: ToolErrorResult =
      error instanceof CodedToolError
        ? { error: { code: error.code, message: error.shortMessage } }
        : { error: { code: 'CHAIN_ERROR', message: shortMessageOf(error) } }
    return JSON.stringify(result)
  }
}
