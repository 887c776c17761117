import { shortMessageOf } from '@openledger/errors'
import { parseEnv } from './env.js'
import { processIo } from './io.js'
import { createProgram } from './program.js'

// The entry point: parse the environment once, run one command, and turn any failure into one line and exit 1.
try {
  const program = createProgram({ env: parseEnv(process.env), io: processIo })
  await program.parseAsync(process.argv)
} catch (error) {
  processIo.err(`error: ${shortMessageOf(error)}`)
  process.exitCode = 1
}
