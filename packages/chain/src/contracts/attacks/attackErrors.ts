import { BaseError } from '@openledger/errors'

/** An attack on a contract did what the contract must prevent. */
export class AttackSucceededError extends BaseError {
  override name = 'AttackSucceededError'
  constructor(attack: string, what: string, options: { cause?: unknown } = {}) {
    super(`attack "${attack}" succeeded: ${what}`, options)
  }
}

/** An attack was refused, but not by the guard that should refuse it (another custom error, or none). */
export class AttackRefusedOtherwiseError extends BaseError {
  override name = 'AttackRefusedOtherwiseError'
  constructor(attack: string, expected: string, got: string) {
    super(`attack "${attack}" was refused with ${got}, not ${expected}`)
  }
}

/** solc refused a test-only build of a contract (the mutation check's unmutated source or a mutant). */
export class MutantCompileError extends BaseError {
  override name = 'MutantCompileError'
  constructor(contract: string, messages: string[]) {
    super(`solc could not compile a test-only ${contract} build`, { details: messages.join('\n') })
  }
}
