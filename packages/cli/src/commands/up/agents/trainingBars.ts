import type { ProvisionStackParameters } from '@openledger/provision'
import type { Context } from '../../../context.js'
import { type TrainingProgress, trainingProgress } from '../../../trainingProgress.js'

/** On a terminal, a progress bar per adapter trained; elsewhere the step lines `provisionStack` prints. */
export function trainingBars(context: Context): {
  parameters: Pick<ProvisionStackParameters, 'onTrainingProgress'>
  stop: () => void
} {
  let current: { adapter: string; bar: TrainingProgress } | undefined
  const stop = () => {
    current?.bar.stop()
    current = undefined
  }
  if (!context.io.progressStream) return { parameters: {}, stop }
  return {
    parameters: {
      onTrainingProgress(adapter, progress) {
        if (current?.adapter !== adapter) {
          stop()
          current = { adapter, bar: trainingProgress(context.io) }
        }
        current.bar.update(progress)
      },
    },
    stop,
  }
}
