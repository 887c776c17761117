import { HttpError } from '@openledger/http'

const statusByName: Record<string, [number, string]> = {
  PendingActionNotFoundError: [404, 'action_not_found'],
  PendingActionNotYoursError: [403, 'action_not_yours'],
  PendingActionExpiredError: [410, 'action_expired'],
  PendingActionNotPendingError: [409, 'action_not_pending'],
}

/**
 * A pending action's refusal as an HTTP error that says why: unknown 404, another account's 403, expired 410,
 * already run or cancelled 409. Anything else is returned as it is (the final handler makes it a 500).
 *
 * @example
 * throw actionHttpError(new PendingActionExpiredError(id, expiresAt)) // 410 action_expired
 */
export function actionHttpError(error: unknown): unknown {
  const name = (error as { name?: string }).name ?? ''
  const mapped = statusByName[name]
  if (!mapped) return error
  const [status, code] = mapped
  return new HttpError(status, (error as Error & { shortMessage?: string }).shortMessage ?? String(error), {
    code,
    cause: error,
  })
}
