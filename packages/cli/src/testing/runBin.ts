import { execFile, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { BaseError } from '@openledger/errors'
import type { CliResult } from './runCli.js'

const bin = fileURLToPath(new URL('../../bin/openledger.js', import.meta.url))

/** The binary ended before it printed what the test waited for. */
class ExitedBeforeReadyError extends BaseError {
  override name = 'ExitedBeforeReadyError'
}

/**
 * Runs the real `openledger` binary in a child process (tests only): for what only the binary shows (its
 * exit on a bad argument, signals). Everything else runs in process through `runCli`, a second or more faster.
 */
export function runBin(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 45_000,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      // by default below vitest's 60 s test timeout, so a hung child is killed before the test gives up on it
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/**
 * Starts `openledger` in a child process, waits until its stdout matches `ready`, runs `whileRunning`, then
 * sends SIGINT (Ctrl-C) and resolves with how it ended. Bounded by `timeoutMs`.
 */
export async function runBinUntilInterrupted(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  whileRunning: (stdout: string) => Promise<void>,
  timeoutMs = 45_000,
): Promise<CliResult> {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env } })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        if (ready.test(stdout)) resolve()
      })
      void exited.then(() => reject(new ExitedBeforeReadyError(`exited before ready:\n${stdout}\n${stderr}`)))
    })
    await whileRunning(stdout)
    child.kill('SIGINT')
    return { code: await exited, stdout, stderr }
  } finally {
    clearTimeout(timer)
  }
}
