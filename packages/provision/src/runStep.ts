import {
  ProvisionFundsError,
  ProvisionInputError,
  ProvisionStepError,
  SeedRowsNotFoundError,
} from './errors.js'

/** Runs one step; a failure becomes a `ProvisionStepError` naming the step (input errors pass as they are). */
export async function runStep<T>(step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (
      error instanceof ProvisionInputError ||
      error instanceof SeedRowsNotFoundError ||
      error instanceof ProvisionStepError ||
      error instanceof ProvisionFundsError
    )
      throw error
    throw new ProvisionStepError(step, error)
  }
}
