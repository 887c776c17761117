import { processIo } from './io.js'
import { runProgram } from './runProgram.js'

// The entry point: parse the environment once, run one command, and turn any failure into one line and exit 1.
process.exitCode = await runProgram(process.argv, process.env, processIo)
