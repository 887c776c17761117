// `npm run readme:examples`: writes every ```ts block of each workspace README into
// `<workspace>/readme-examples/` (git-ignored) so that `npm run typecheck` compiles them with the code:
// an example that drifts from the API fails the typecheck.
//
// A block may be preceded by one HTML comment that the rendered README hides:
//   <!-- readme-check: setup
//   import type { ChainConnection } from '@openledger/chain'
//   declare const connection: ChainConnection
//   -->
// adds those lines before the block (declarations the prose around the block has already introduced, with
// their real types), and
//   <!-- readme-check: skip <why> -->
// leaves the block out (a reason is required: a signature listing or a JSON shape, never code that fails).
// Each generated file keeps the README's line numbers, so `npm run typecheck` reports
// `packages/x/readme-examples/line-12.ts(14,3)` for line 14 of packages/x/README.md.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const repository = fileURLToPath(new URL('..', import.meta.url))
export const examplesFolder = 'readme-examples'

/**
 * A ```ts block of a README: `line` is the README line of its first code line, `setupLine` that of its setup's
 * first line (0 without one).
 *
 * @typedef {{ line: number, code: string, setup: string, setupLine: number, skip: string | undefined }} ReadmeBlock
 */

const COMMENT = '<!-- readme-check:'
const OPENING_FENCE = /^(\s*)(`{3,})\s*([\w-]*)/
const TS_LANGUAGES = new Set(['ts', 'typescript'])

/**
 * The ```ts blocks of a README, each with the setup or skip comment right before it. A readme-check comment
 * belongs to the code block that follows it (blank lines between are allowed) and to that block only; one
 * followed by anything else, or left open, is a SyntaxError naming its line, as is a code block never closed.
 * Other languages' blocks are left out.
 *
 * @param {string} markdown
 * @returns {ReadmeBlock[]}
 * @example
 * readmeBlocks('```ts\nconst a = 1\n```\n') // [{ line: 2, code: 'const a = 1\n', setup: '', setupLine: 0, skip: undefined }]
 */
export function readmeBlocks(markdown) {
  const lines = markdown.split('\n')
  /** @type {ReadmeBlock[]} */
  const blocks = []
  /** @type {{ lines: string[], line: number } | undefined} the readme-check comment waiting for its block */
  let comment
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line.trimStart().startsWith(COMMENT)) {
      if (comment) throw dangling(comment.line)
      const end = lines.findIndex((l, j) => j >= i && l.includes('-->'))
      if (end < 0) throw new SyntaxError(`line ${i + 1}: a readme-check comment without its closing -->`)
      comment = { lines: lines.slice(i, end + 1), line: i + 1 }
      i = end
      continue
    }
    const fence = OPENING_FENCE.exec(line)
    if (!fence) {
      if (comment && line.trim() !== '') throw dangling(comment.line)
      continue
    }
    const [, , ticks = '```', language = ''] = fence
    const close = lines.findIndex((l, j) => j > i && closes(l, ticks.length))
    if (close < 0) throw new SyntaxError(`line ${i + 1}: a code block that is never closed`)
    if (TS_LANGUAGES.has(language)) {
      const code = `${lines.slice(i + 1, close).join('\n')}\n`
      blocks.push({ line: i + 2, code, ...parseComment(comment) })
    } else if (comment) {
      throw new SyntaxError(
        `line ${comment.line}: a readme-check comment before a \`\`\`${language} block (only ts is checked)`,
      )
    }
    comment = undefined
    i = close
  }
  if (comment) throw dangling(comment.line)
  return blocks
}

/** A closing fence: at least as many backticks as the opening one, and nothing after them. */
function closes(line, ticks) {
  const fence = /^\s*(`{3,})\s*$/.exec(line)
  return fence !== null && (fence[1]?.length ?? 0) >= ticks
}

/** @param {number} line */
function dangling(line) {
  return new SyntaxError(`line ${line}: a readme-check comment must come right before a \`\`\`ts block`)
}

/**
 * @param {{ lines: string[], line: number } | undefined} comment
 * @returns {Pick<ReadmeBlock, 'setup' | 'setupLine' | 'skip'>}
 */
function parseComment(comment) {
  if (!comment) return { setup: '', setupLine: 0, skip: undefined }
  const [head = '', ...rest] = comment.lines
  const kind = head
    .trim()
    .slice(COMMENT.length)
    .replace(/-->\s*$/, '')
    .trim()
  if (kind === 'setup') {
    const setup = rest
      .join('\n')
      .replace(/-->\s*$/, '')
      .trimEnd()
    return { setup: `${setup}\n`, setupLine: comment.line + 1, skip: undefined }
  }
  if (kind === 'skip')
    throw new SyntaxError(`line ${comment.line}: readme-check skip needs a reason: "skip <why>"`)
  if (kind.startsWith('skip ')) return { setup: '', setupLine: 0, skip: kind.slice('skip '.length).trim() }
  throw new SyntaxError(
    `line ${comment.line}: readme-check wants "setup" (then lines) or "skip <why>", not "${kind}"`,
  )
}

/**
 * The TypeScript file a block becomes: a header naming its README line, then the setup and the block each on
 * its own README lines (blank lines between), so that a type error's line is the README's; and an `export {}`
 * so that it is a module (top-level await, no global names).
 *
 * @param {string} readme path of the README, for the header
 * @param {ReadmeBlock} block
 * @returns {string}
 * @example
 * exampleSource('packages/errors/README.md', readmeBlocks(markdown)[0])
 */
export function exampleSource(readme, block) {
  /** @type {string[]} */
  const lines = [
    `// From ${readme}, the block at line ${block.line}; each line here is that README's line. Generated by lint/readmeExamples.mjs: edit the README.`,
  ]
  const place = (/** @type {string} */ text, /** @type {number} */ at) => {
    while (lines.length < at - 1) lines.push('')
    lines.push(...text.replace(/\n$/, '').split('\n'))
  }
  if (block.setup) place(block.setup, Math.max(block.setupLine, 2))
  place(block.code, Math.max(block.line, lines.length + 1))
  return `${lines.join('\n')}\nexport {}\n`
}

/** Workspace folders (contracts, packages/*, agents/*) that have a README.md. */
function workspaceFolders(baseDir) {
  const nested = ['packages', 'agents'].flatMap((group) =>
    existsSync(join(baseDir, group))
      ? readdirSync(join(baseDir, group)).map((name) => join(group, name))
      : [],
  )
  return ['contracts', ...nested].filter((folder) => existsSync(join(baseDir, folder, 'README.md')))
}

/**
 * Writes each workspace's README blocks to `<workspace>/readme-examples/<line>.ts`, replacing what an
 * earlier run wrote. Returns the files written and the blocks skipped (with their reasons).
 *
 * @param {{ baseDir?: string }} [parameters]
 * @returns {{ written: string[], skipped: string[] }}
 * @example
 * const { written } = writeReadmeExamples()
 * console.log(`${written.length} README examples to typecheck`)
 */
export function writeReadmeExamples({ baseDir = repository } = {}) {
  /** @type {string[]} */
  const written = []
  /** @type {string[]} */
  const skipped = []
  for (const folder of workspaceFolders(baseDir)) {
    const readme = join(folder, 'README.md')
    const out = join(baseDir, folder, examplesFolder)
    rmSync(out, { recursive: true, force: true })
    for (const block of blocksOf(baseDir, readme)) {
      if (block.skip) {
        skipped.push(`${readme}:${block.line} (${block.skip})`)
        continue
      }
      mkdirSync(out, { recursive: true })
      const file = join(out, `line-${block.line}.ts`)
      writeFileSync(file, exampleSource(readme, block))
      written.push(relative(baseDir, file))
    }
  }
  return { written, skipped }
}

function blocksOf(baseDir, readme) {
  try {
    return readmeBlocks(readFileSync(join(baseDir, readme), 'utf8'))
  } catch (error) {
    if (error instanceof SyntaxError) throw new SyntaxError(`${readme}: ${error.message}`)
    throw error
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { written, skipped } = writeReadmeExamples()
  console.log(
    `readme examples: ${written.length} blocks written for the typecheck, ${skipped.length} skipped`,
  )
  for (const line of skipped) console.log(`  skipped ${line}`)
}
