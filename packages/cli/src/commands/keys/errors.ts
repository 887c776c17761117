import { BaseError } from '@openledger/errors'

/** A keystore command, or `up` with a keystore to open, has no passphrase to use. */
export class KeystorePasswordMissingError extends BaseError {
  override name = 'KeystorePasswordMissingError'
  constructor(purpose: string) {
    super(
      `Set OPENLEDGER_KEYSTORE_PASSWORD to ${purpose} (keystores are encrypted with it; it is never stored).`,
    )
  }
}

/** `keys import` found no key to import. */
export class ImportKeyMissingError extends BaseError {
  override name = 'ImportKeyMissingError'
  constructor() {
    super(
      'Set OPENLEDGER_PRIVATE_KEY to the key to import (never on the command line, where shells keep it).',
    )
  }
}
