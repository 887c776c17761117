import { BaseError, shortMessageOf } from '@openledger/errors'
import type { Command } from 'commander'
import { parseEnv } from './env.js'
import type { Io } from './io.js'
import { createProgram } from './program.js'

/** commander finished early (help, version, a bad argument) and asked to exit with `exitCode`. */
class CommanderExit extends BaseError {
  override name = 'CommanderExit'
  readonly exitCode: number
  constructor(exitCode: number, message: string) {
    super(message)
    this.exitCode = exitCode
  }
}

/** Makes commander throw instead of calling `process.exit`, on the command and every subcommand. */
function throwOnExit(command: Command): void {
  command.exitOverride((error) => {
    throw new CommanderExit(error.exitCode, error.message)
  })
  for (const sub of command.commands) throwOnExit(sub)
}

/**
 * Runs one `openledger` command line: parses the environment, runs the command, and turns any failure into
 * one line (`error: …`) on `io.err`. Returns the exit code (commander's own for help and bad arguments, 1 for
 * a failure). The binary runs through here; so do the CLI tests, in process.
 *
 * @example
 * process.exitCode = await runProgram(process.argv, process.env, processIo)
 */
export async function runProgram(argv: string[], source: NodeJS.ProcessEnv, io: Io): Promise<number> {
  try {
    const program = createProgram({ env: parseEnv(source), io })
    throwOnExit(program)
    await program.parseAsync(argv)
    return 0
  } catch (error) {
    // commander has already written its message (through `io`) before asking to exit.
    if (error instanceof CommanderExit) return error.exitCode
    io.err(`error: ${shortMessageOf(error)}`)
    return 1
  }
}
