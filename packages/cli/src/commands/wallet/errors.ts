import { BaseError } from '@openledger/errors'

/**
 * `wallet revoke` or `wallet disable-module` without `--module` on a stack that deployed no
 * SpendingLimitModule.
 */
export class NoSpendingLimitModuleError extends BaseError {
  override name = 'NoSpendingLimitModuleError'
  constructor() {
    super('This stack deployed no SpendingLimitModule: pass --module <address>.')
  }
}
