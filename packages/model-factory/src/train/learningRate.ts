export type LearningRateSchedule = {
  /** The peak learning rate. */
  lr: number
  /** Steps of linear warm-up from 0 (default 0). */
  warmupSteps?: number
  totalSteps: number
  /** After warm-up: cosine decay to `minRatio`·lr, linear decay, or constant (default cosine). */
  decay?: 'cosine' | 'linear' | 'constant'
  /** Where the decay ends, as a fraction of lr (default 0.1). */
  minRatio?: number
}

/**
 * The learning rate at `step` (0-based) of a warm-up-then-decay schedule.
 *
 * @example
 * learningRate(0, { lr: 2e-3, warmupSteps: 10, totalSteps: 200 }) // 2e-4
 */
export function learningRate(step: number, schedule: LearningRateSchedule): number {
  const { lr, warmupSteps = 0, totalSteps, decay = 'cosine', minRatio = 0.1 } = schedule
  if (step < warmupSteps) return (lr * (step + 1)) / warmupSteps
  if (decay === 'constant') return lr
  const span = Math.max(1, totalSteps - warmupSteps)
  const progress = Math.min(1, (step - warmupSteps) / span)
  const factor = decay === 'linear' ? 1 - progress : 0.5 * (1 + Math.cos(Math.PI * progress))
  return lr * (minRatio + (1 - minRatio) * factor)
}
