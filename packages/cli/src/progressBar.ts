import cliProgress from 'cli-progress'

export type ProgressBar = {
  update: (progress: { done: number; total: number }) => void
  stop: () => void
}

/**
 * A cli-progress bar on a terminal stream for long work counted in items (e.g. rows embedded into an index);
 * it starts at the first update. Pass `io.progressStream`: without a terminal there is no bar.
 *
 * @example
 * const bar = progressBar(context.io.progressStream, 'embedding', 'rows')
 * await openIndex(store, { datanet, embedder, directory, onProgress: bar.update })
 * bar.stop()
 */
export function progressBar(
  stream: NodeJS.WriteStream | undefined,
  label: string,
  unit: string,
): ProgressBar {
  if (!stream) return { update: () => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} ${unit} | {percentage}% | ETA {eta_formatted}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update({ done, total }) {
      if (!started) bar.start(total, done)
      else bar.update(done)
      started = true
    },
    stop() {
      if (started) bar.stop()
      started = false
    },
  }
}
