import type { Context } from '../../context.js'
import { KeystorePasswordMissingError } from './errors.js'

/** OPENLEDGER_KEYSTORE_PASSWORD, or a one-line refusal saying what it was needed for. */
export function keystorePassword(context: Context, purpose: string): string {
  const password = context.env.OPENLEDGER_KEYSTORE_PASSWORD
  if (!password) throw new KeystorePasswordMissingError(purpose)
  return password
}
