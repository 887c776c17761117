import cliProgress from 'cli-progress'
import type { Io } from './io.js'

export type TrainingProgress = {
  update: (progress: {
    step: number
    totalSteps: number
    loss: number
    evalLoss?: number | undefined
  }) => void
  stop: () => void
}

/**
 * Fine-tuning progress: a cli-progress bar (step, loss, held-out loss) on a terminal stderr; elsewhere a plain
 * line on stderr at each evaluation and every tenth of the run, so logs stay short.
 *
 * @example
 * const progress = trainingProgress(context.io)
 * await runFineTuneJob({ store, model, payload, onProgress: progress.update })
 * progress.stop()
 */
export function trainingProgress(io: Io): TrainingProgress {
  const stream = io.progressStream
  let evalLoss = '–'
  if (!stream) {
    return {
      update(progress) {
        if (progress.evalLoss !== undefined) evalLoss = progress.evalLoss.toFixed(4)
        const every = Math.max(1, Math.floor(progress.totalSteps / 10))
        if (progress.evalLoss === undefined && progress.step % every !== 0) return
        io.err(
          `step ${progress.step}/${progress.totalSteps}  loss ${progress.loss.toFixed(4)}  eval loss ${evalLoss}`,
        )
      },
      stop: () => {},
    }
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        'training [{bar}] {value}/{total} steps | loss {loss} | eval loss {evalLoss} | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(progress) {
      if (progress.evalLoss !== undefined) evalLoss = progress.evalLoss.toFixed(4)
      const payload = { loss: progress.loss.toFixed(4), evalLoss }
      if (!started) bar.start(progress.totalSteps, progress.step, payload)
      else bar.update(progress.step, payload)
      started = true
    },
    stop() {
      if (started) bar.stop()
      started = false
    },
  }
}
