import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const lint = dirname(fileURLToPath(import.meta.url))
const biome = join(lint, '..', 'node_modules', '.bin', 'biome')

// `npm run lint:errors` (lint/plainErrors.jsonc + lint/noPlainError.grit) over a small tree of package sources.
const files: Record<string, string> = {
  'packages/x/src/plain.ts': [
    "/** @example if (!ok) throw new Error('no') */",
    'export function check(ok: boolean) {',
    "  if (!ok) throw new Error('not ok', { cause: ok })",
    "  if (ok === undefined) throw new TypeError('a built-in subclass is not a plain Error')",
    '}',
    '',
  ].join('\n'),
  'packages/x/src/testing/helper.ts': "export function fail() {\n  throw new Error('helper')\n}\n",
  'packages/x/src/plain.test.ts': "export function fail() {\n  throw new Error('a test may')\n}\n",
  'agents/y/src/agent.ts': "export function fail() {\n  throw new Error('agent')\n}\n",
}

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'openledger-plain-errors-'))
  mkdirSync(join(root, 'lint'))
  for (const name of ['plainErrors.jsonc', 'noPlainError.grit'])
    copyFileSync(join(lint, name), join(root, 'lint', name))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the plain-Error check', () => {
  test('finds `throw new Error(` in package sources and testing/ helpers, not in tests or comments', () => {
    const run = spawnSync(
      biome,
      ['lint', '--config-path=lint/plainErrors.jsonc', '--vcs-enabled=false', '--reporter=github'],
      { cwd: root, encoding: 'utf8' },
    )
    const found = [...run.stdout.matchAll(/^::error title=plugin,file=([^,]+),line=(\d+)/gm)]
      .map(([, file, line]) => `${file!.slice(root.length + 1)}:${line}`)
      .sort()
    expect(found).toEqual([
      'agents/y/src/agent.ts:2',
      'packages/x/src/plain.ts:3',
      'packages/x/src/testing/helper.ts:2',
    ])
    expect(run.status).toBe(1)
  })
})
