import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { exampleSource, readmeBlocks, writeReadmeExamples } from './readmeExamples.mjs'

const repository = fileURLToPath(new URL('..', import.meta.url))
const fence = '```'

describe('readmeBlocks', () => {
  test('a ts block, its first code line and its code', () => {
    expect(readmeBlocks(`# t\n\n${fence}ts\nconst a = 1\n${fence}\n`)).toEqual([
      { line: 4, code: 'const a = 1\n', setup: '', setupLine: 0, skip: undefined },
    ])
  })

  test('blocks in other languages, or none, are left out', () => {
    const markdown = `${fence}sh\nnpm test\n${fence}\n${fence}\nplain\n${fence}\n${fence}json\n{}\n${fence}\n`
    expect(readmeBlocks(`${markdown}${fence}typescript\nlet b = 2\n${fence}\n`)).toEqual([
      { line: 11, code: 'let b = 2\n', setup: '', setupLine: 0, skip: undefined },
    ])
  })

  test('a setup comment is attached to the next block only', () => {
    const markdown = [
      '<!-- readme-check: setup',
      "import type { Hex } from 'viem'",
      'declare const hash: Hex',
      '-->',
      '',
      `${fence}ts`,
      'console.log(hash)',
      fence,
      '',
      `${fence}ts`,
      'console.log(1)',
      fence,
    ].join('\n')
    const [first, second] = readmeBlocks(markdown)
    expect(first).toEqual({
      line: 7,
      code: 'console.log(hash)\n',
      setup: "import type { Hex } from 'viem'\ndeclare const hash: Hex\n",
      setupLine: 2,
      skip: undefined,
    })
    expect(second).toEqual({ line: 11, code: 'console.log(1)\n', setup: '', setupLine: 0, skip: undefined })
  })

  test('a skip names its reason, and a skip without one is refused', () => {
    const skipped = readmeBlocks(
      `<!-- readme-check: skip a signature listing -->\n${fence}ts\nf(x): y\n${fence}\n`,
    )
    expect(skipped[0]?.skip).toBe('a signature listing')
    expect(() => readmeBlocks(`<!-- readme-check: skip -->\n${fence}ts\nf(x): y\n${fence}\n`)).toThrowError(
      new SyntaxError('line 1: readme-check skip needs a reason: "skip <why>"'),
    )
    expect(() => readmeBlocks(`<!-- readme-check: ignore -->\n${fence}ts\nx\n${fence}\n`)).toThrowError(
      /^line 1: readme-check wants "setup" \(then lines\) or "skip <why>", not "ignore"$/,
    )
  })

  test('an unclosed fence or comment is a SyntaxError naming its line', () => {
    expect(() => readmeBlocks(`# t\n\n${fence}ts\nconst a = 1\n`)).toThrowError(
      new SyntaxError('line 3: a code block that is never closed'),
    )
    expect(() => readmeBlocks(`# t\n<!-- readme-check: setup\ndeclare const a: number\n`)).toThrowError(
      new SyntaxError('line 2: a readme-check comment without its closing -->'),
    )
  })

  test('a comment followed by prose, by another language or by nothing is a SyntaxError naming its line', () => {
    const comment = '<!-- readme-check: skip not code -->'
    const dangling = 'line 2: a readme-check comment must come right before a ```ts block'
    expect(() => readmeBlocks(`# t\n${comment}\nSome prose.\n${fence}ts\nx\n${fence}\n`)).toThrowError(
      dangling,
    )
    expect(() => readmeBlocks(`# t\n${comment}\n`)).toThrowError(dangling)
    expect(() => readmeBlocks(`# t\n${comment}\n${fence}sh\nls\n${fence}\n`)).toThrowError(
      'line 2: a readme-check comment before a ```sh block (only ts is checked)',
    )
  })

  test('an indented block (in a list) is found, and its closing fence is the first bare one', () => {
    const markdown = `- item:\n\n  ${fence}ts\n  const s = '${fence}ts'\n  ${fence}\n`
    expect(readmeBlocks(markdown)).toEqual([
      { line: 4, code: `  const s = '${fence}ts'\n`, setup: '', setupLine: 0, skip: undefined },
    ])
  })
})

describe('exampleSource', () => {
  test("puts the setup and the code on their README lines, so an error's line is the README's", () => {
    const markdown = `# t\n\n<!-- readme-check: setup\ndeclare const a: number\n-->\n${fence}ts\nconsole.log(a)\n${fence}\n`
    const [block] = readmeBlocks(markdown)
    const lines = exampleSource('packages/x/README.md', block!).split('\n')
    expect(lines[0]).toMatch(/^\/\/ From packages\/x\/README\.md, the block at line 7;/)
    expect(lines[3]).toBe('declare const a: number')
    expect(lines[6]).toBe('console.log(a)')
    expect(lines.slice(7)).toEqual(['export {}', ''])
  })
})

/** Type-checks files in one program, as `npm run typecheck` would (tsconfig.base.json's options): each one's errors. */
function typeErrors(files: string[]): string[][] {
  const configFile = join(repository, 'tsconfig.base.json')
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repository, undefined, configFile)
  const program = ts.createProgram(files, options)
  expect(program.getGlobalDiagnostics()).toEqual([])
  return files.map((file) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  )
}

describe('writeReadmeExamples', () => {
  test('an example that drifts from the API fails the type-check, a right one passes', () => {
    // Inside the repository, so that `@openledger/errors` resolves from the fixture as from a package.
    const baseDir = mkdtempSync(join(repository, 'lint', '.readme-examples-test-'))
    try {
      const write = (folder: string, readme: string) => {
        mkdirSync(join(baseDir, folder), { recursive: true })
        writeFileSync(join(baseDir, folder, 'README.md'), readme)
      }
      write(
        'packages/right',
        [
          '# right',
          '',
          '<!-- readme-check: setup',
          'declare const cause: Error',
          '-->',
          `${fence}ts`,
          "import { BaseError } from '@openledger/errors'",
          "throw new BaseError('The datanet is closed.', { cause })",
          fence,
          '',
          '<!-- readme-check: skip not code -->',
          `${fence}ts`,
          'BaseError(shortMessage: string, options?): BaseError',
          fence,
        ].join('\n'),
      )
      write(
        'packages/wrong',
        `# wrong\n\n${fence}ts\nimport { BaseError } from '@openledger/errors'\nthrow new BaseError(42)\n${fence}\n`,
      )

      const { written, skipped } = writeReadmeExamples({ baseDir })

      expect(written).toEqual([
        'packages/right/readme-examples/line-7.ts',
        'packages/wrong/readme-examples/line-4.ts',
      ])
      expect(skipped).toEqual(['packages/right/README.md:13 (not code)'])
      const [right = '', wrong = ''] = written.map((file) => join(baseDir, file))
      expect(readFileSync(right, 'utf8')).toContain(
        "throw new BaseError('The datanet is closed.', { cause })",
      )
      expect(typeErrors([right, wrong])).toEqual([
        [],
        ["Argument of type 'number' is not assignable to parameter of type 'string'."],
      ])
    } finally {
      rmSync(baseDir, { recursive: true, force: true })
    }
  })

  test("a README's syntax error names the README", () => {
    const baseDir = mkdtempSync(join(repository, 'lint', '.readme-examples-test-'))
    try {
      mkdirSync(join(baseDir, 'contracts'))
      writeFileSync(join(baseDir, 'contracts', 'README.md'), `# c\n${fence}ts\nconst a = 1\n`)
      expect(() => writeReadmeExamples({ baseDir })).toThrowError(
        new SyntaxError('contracts/README.md: line 2: a code block that is never closed'),
      )
    } finally {
      rmSync(baseDir, { recursive: true, force: true })
    }
  })
})
