import { format } from 'node:util'
import { runProgram } from '../runProgram.js'

export type CliResult = { code: number; stdout: string; stderr: string }

type Write = typeof process.stdout.write

/**
 * Runs one `openledger` command line in this process, as the binary would (`runProgram`), with `env` as its
 * whole environment (tests only). Resolves with the exit code and what it printed: the lines it wrote, and
 * anything else written to the console or the process's streams meanwhile, as a child's pipes would hold
 * them. Tests in a file run one at a time, so nothing else writes there during a call.
 */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const toOut = (text: string) => {
    stdout += text
  }
  const toErr = (text: string) => {
    stderr += text
  }
  const restore = captureProcessOutput(toOut, toErr)
  try {
    const io = { out: (line: string) => toOut(`${line}\n`), err: (line: string) => toErr(`${line}\n`) }
    const code = await runProgram(['node', 'openledger', ...args], env, io)
    return { code, stdout, stderr }
  } finally {
    restore()
  }
}

/** Sends console output and writes to process.stdout/stderr to `out`/`err` until the returned undo is called. */
function captureProcessOutput(out: (text: string) => void, err: (text: string) => void): () => void {
  const { stdout, stderr } = process
  const [writeOut, writeErr] = [stdout.write, stderr.write]
  const methods = ['log', 'info', 'debug', 'warn', 'error'] as const
  const saved = methods.map((method) => console[method])
  const writer = (to: (text: string) => void): Write =>
    ((chunk: string | Uint8Array) => {
      to(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())
      return true
    }) as Write
  stdout.write = writer(out)
  stderr.write = writer(err)
  for (const method of methods) {
    const to = method === 'warn' || method === 'error' ? err : out
    console[method] = (...data: unknown[]) => to(`${format(...data)}\n`)
  }
  return () => {
    stdout.write = writeOut
    stderr.write = writeErr
    methods.forEach((method, i) => {
      console[method] = saved[i]!
    })
  }
}
