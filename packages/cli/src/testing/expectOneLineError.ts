import { expect } from 'vitest'

/** A failing command prints exactly one line on stderr, matching `pattern`, and exits non-zero (tests only). */
export function expectOneLineError(result: { code: number; stderr: string }, pattern: RegExp): void {
  expect(result.code).not.toBe(0)
  const lines = result.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
}
