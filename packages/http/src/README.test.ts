import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect, it, vi } from 'vitest'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

it("runs the README's example and prints what it says", async () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8')
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
  expect(code).toBeDefined()
  // Inside the package, so that '@openledger/http', express and zod resolve as they do for a user.
  const dir = mkdtempSync(join(packageDir, '.readme-'))
  const printed: unknown[][] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...values) => void printed.push(values))
  try {
    writeFileSync(join(dir, 'example.ts'), code!)
    await import(pathToFileURL(join(dir, 'example.ts')).href)
  } finally {
    log.mockRestore()
    rmSync(dir, { recursive: true, force: true })
  }
  expect(printed).toEqual([
    [
      400,
      {
        error: {
          message: "Invalid 'text': Invalid input: expected string, received number.",
          type: 'invalid_request_error',
          param: 'text',
          code: 'invalid_value',
          request_id: expect.stringMatching(/^req_[0-9a-f]{32}$/),
        },
      },
    ],
    [429, '2'],
  ])
})
