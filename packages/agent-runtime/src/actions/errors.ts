import { BaseError } from '@openledger/errors'
import type { PendingActionStatus } from './PendingAction.js'

/** No action has this id. */
export class PendingActionNotFoundError extends BaseError {
  override name = 'PendingActionNotFoundError'
  constructor(readonly id: string) {
    super(`There is no action ${id}. Nothing was done.`, {
      metaMessages: ['List your pending actions with GET /v1/actions.'],
    })
  }
}

/** The action was proposed to another account: only its payer may confirm or cancel it. */
export class PendingActionNotYoursError extends BaseError {
  override name = 'PendingActionNotYoursError'
  constructor(readonly id: string) {
    super(
      `Action ${id} was not proposed to you: only the account it was proposed to can confirm or cancel it. Nothing was done.`,
    )
  }
}

/** The action is past its expiry: propose it again. */
export class PendingActionExpiredError extends BaseError {
  override name = 'PendingActionExpiredError'
  constructor(
    readonly id: string,
    readonly expiresAt: string,
  ) {
    super(`Action ${id} expired at ${expiresAt}. Nothing was done: ask again to get a new action to confirm.`)
  }
}

/** The action was already confirmed (running or run) or cancelled: it runs at most once. */
export class PendingActionNotPendingError extends BaseError {
  override name = 'PendingActionNotPendingError'
  constructor(
    readonly id: string,
    readonly status: PendingActionStatus,
    readonly txHash: string | null,
  ) {
    super(
      `Action ${id} is ${statusWords[status]}${txHash ? ` (transaction ${txHash})` : ''}: an action runs at most once. Nothing more was done.`,
    )
  }
}

const statusWords: Record<PendingActionStatus, string> = {
  pending: 'still pending',
  executing: 'already confirmed and running',
  done: 'already done',
  failed: 'already confirmed, and it failed',
  cancelled: 'cancelled',
}
