import { BaseError } from '@openledger/errors'

/** `safe propose` was not told what to call: `--to`, or `--send-open` with `--amount`. */
export class SafeCallError extends BaseError {
  override name = 'SafeCallError'
}
