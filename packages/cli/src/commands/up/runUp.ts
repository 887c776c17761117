import type { Context } from '../../context.js'
import { findBaseModel, missingModelMessage } from '../../models.js'
import { waitForShutdown } from '../../shutdown.js'
import { removeStackFile, writeStackFile } from '../../stack.js'
import { BaseModelMissingError } from './errors.js'
import { printStackSummary } from './printStackSummary.js'
import { startStack } from './startStack.js'
import type { Stops, UpOptions } from './upOptions.js'

/**
 * Starts the stack, writes `stack.json`, prints the summary and (unless `--no-wait`) serves until Ctrl-C;
 * then removes `stack.json` and stops every part in reverse order, also when starting failed half-way.
 */
export async function runUp(context: Context, options: UpOptions): Promise<void> {
  const started = performance.now()
  const stops: Stops = []
  if (options.loraHost && !options.model) {
    const lookup = findBaseModel(context.env)
    if (!lookup.found) throw new BaseModelMissingError(missingModelMessage(lookup))
    options.model = lookup.path
  }
  try {
    const running = await startStack(context, options, stops)
    const stackPath = writeStackFile(context.env.OPENLEDGER_HOME, running.stack)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    printStackSummary(context, options, running, { seconds, stackPath })
    if (options.wait) {
      context.io.out('Press Ctrl-C to stop.')
      await waitForShutdown()
      context.io.out('Stopping…')
    }
  } finally {
    removeStackFile(context.env.OPENLEDGER_HOME)
    for (const stop of stops.reverse()) await stop()
  }
  context.io.out('Stopped.')
}
