/**
 * The default logger of server faults: one line on stderr, `<label>: request <id> failed: <stack>`.
 *
 * @example
 * app.use(errorHandler({ onError: options.onError ?? logToStderr('gateway') }))
 */
export function logToStderr(label: string): (error: unknown, requestId: string) => void {
  return (error, requestId) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    process.stderr.write(`${label}: request ${requestId} failed: ${detail}\n`)
  }
}
