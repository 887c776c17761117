import cliProgress from 'cli-progress'
import type { ImportProgress } from './importRows.js'

export type ImportProgressBar = {
  /** Pass as `importRows`' `onProgress`. */
  update: (progress: ImportProgress) => void
  stop: () => void
}

/**
 * A terminal progress bar (cli-progress) for `importRows`: one bar per phase, checking then storing, with the
 * rate and ETA. Writes to stderr; in a non-TTY it stays silent.
 *
 * @example
 * const bar = importProgressBar()
 * try {
 *   await importRows(store, { datanet, file, signer, onProgress: bar.update })
 * } finally {
 *   bar.stop()
 * }
 */
export function importProgressBar(stream: NodeJS.WriteStream = process.stderr): ImportProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{phase} [{bar}] {value}/{total} rows | {percentage}% | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  )
  let phase: ImportProgress['phase'] | undefined
  return {
    update(progress) {
      if (progress.phase !== phase) {
        if (phase) bar.stop()
        phase = progress.phase
        bar.start(progress.total, progress.done, { phase: progress.phase.padEnd(8) })
      } else bar.update(progress.done)
    },
    stop() {
      if (phase) bar.stop()
      phase = undefined
    },
  }
}
