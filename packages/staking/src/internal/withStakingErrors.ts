import { toStakingError } from './toStakingError.js'

/**
 * Awaits a chain call (`sendContractCall`, `simulateContractCall`, `readContractCall`), throwing a contract's
 * revert as the SDK's typed error (`toStakingError`).
 */
export async function withStakingErrors<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (error) {
    throw toStakingError(error)
  }
}
