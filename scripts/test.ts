/**
 * `npm test`: lint and typecheck (side by side: each mostly uses one core), then the unit tests, then the
 * integration tests, stopping at the first phase that fails. Prints each phase's time as it ends and a summary
 * line at the end, so CI logs show where the time goes. Arguments go to both vitest runs
 * (`npm test -- packages/cli` checks everything, then runs the cli's tests).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

type Phase = { name: string; command: string; args: string[] }
type Outcome = { name: string; code: number; seconds: number; output: string }

const root = fileURLToPath(new URL('..', import.meta.url))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const vitest = join(root, 'node_modules', '.bin', 'vitest')
const extra = process.argv.slice(2)

/** Runs one phase; `live` streams its output, otherwise it is kept and printed when the phase ends. */
function run(phase: Phase, live: boolean): Promise<Outcome> {
  const started = performance.now()
  const child = spawn(phase.command, phase.args, { cwd: root, stdio: live ? 'inherit' : 'pipe' })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      resolve({ name: phase.name, code: code ?? 1, seconds, output })
    })
  })
}

function report(outcome: Outcome): void {
  const status = outcome.code === 0 ? 'ok' : `failed (exit ${outcome.code})`
  console.log(`[test] ${outcome.name}: ${outcome.seconds.toFixed(1)} s, ${status}`)
}

const outcomes: Outcome[] = []
const finish = (code: number) => {
  const times = outcomes.map((o) => `${o.name} ${o.seconds.toFixed(1)} s`).join(', ')
  const total = (performance.now() / 1000).toFixed(1)
  console.log(`[test] phases: ${times}; total ${total} s${code === 0 ? '' : ' (failed)'}`)
  process.exit(code)
}

const checks = await Promise.all(
  [
    { name: 'lint', command: npm, args: ['run', 'lint', '--silent'] },
    { name: 'typecheck', command: npm, args: ['run', 'typecheck', '--silent'] },
  ].map((phase) => run(phase, false)),
)
for (const outcome of checks) {
  process.stdout.write(outcome.output)
  report(outcome)
  outcomes.push(outcome)
}
const failed = checks.find((o) => o.code !== 0)
if (failed) finish(failed.code)

for (const project of ['unit', 'integration']) {
  const args = ['run', '--project', project, '--passWithNoTests', ...extra]
  const outcome = await run({ name: project, command: vitest, args }, true)
  report(outcome)
  outcomes.push(outcome)
  if (outcome.code !== 0) finish(outcome.code)
}
finish(0)
