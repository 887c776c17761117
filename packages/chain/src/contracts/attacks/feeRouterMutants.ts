import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Hex } from 'viem'
import { MutantCompileError } from './attackErrors.js'

type Solc = {
  compile: (
    input: string,
    callbacks: { import: (path: string) => { contents: string } | { error: string } },
  ) => string
  version: () => string
}
type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>
}

/** The contracts package, and solc and OpenZeppelin as its build resolves them (contracts/scripts/build.ts). */
const contractsRoot = join(dirname(createRequire(import.meta.url).resolve('@openledger/contracts')), '..')
const fromContracts = createRequire(join(contractsRoot, 'package.json'))
/** contracts/scripts/build.ts's settings: the same bytecode as the build for the same source. */
const settings = { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun' }
const cacheDir = join(tmpdir(), 'openledger-feerouter-mutants')
const TAG = /\/\/ protection: ([a-z0-9-]+)\s*$/

export type Protection = { name: string; line: number }

/** FeeRouter.sol as the contracts package holds it. */
export const feeRouterSource = () => readFileSync(join(contractsRoot, 'solidity', 'FeeRouter.sol'), 'utf8')

/**
 * The guards tagged `// protection: <name>` at the end of their line, with their 1-based line numbers.
 *
 * @example
 * protectionsOf(feeRouterSource()).map((p) => p.name) // ['withdrawal-delay', ...]
 */
export function protectionsOf(source: string): Protection[] {
  return source.split('\n').flatMap((text, i) => {
    const match = TAG.exec(text)
    return match ? [{ name: match[1]!, line: i + 1 }] : []
  })
}

/** `source` with the guard on `line` switched off (the line becomes a comment, so numbers stay). */
export function withoutGuard(source: string, line: number): string {
  const lines = source.split('\n')
  lines[line - 1] = `// switched off: ${lines[line - 1]!.trim()}`
  return lines.join('\n')
}

/**
 * Compiles FeeRouter variants (name → FeeRouter.sol source) with the contracts package's solc-js and build
 * settings, only FeeRouter.sol and its OpenZeppelin imports, all in one solc run; returns each variant's
 * creation bytecode. Each bytecode is cached on disk by the hash of its source, the settings and solc's
 * version, so a variant compiles once.
 *
 * @example
 * const { original } = compileFeeRouters({ original: feeRouterSource() })
 */
export function compileFeeRouters(variants: Record<string, string>): Record<string, Hex> {
  const solc = fromContracts('solc') as Solc
  const keyOf = (source: string) =>
    createHash('sha256')
      .update(JSON.stringify({ source, settings, version: solc.version() }))
      .digest('hex')
  const cached = (source: string) => join(cacheDir, `${keyOf(source)}.hex`)
  const missing = Object.entries(variants).filter(([, source]) => !existsSync(cached(source)))
  if (missing.length > 0) compileInto(solc, missing, cached)
  return Object.fromEntries(
    Object.entries(variants).map(([name, source]) => [name, readFileSync(cached(source), 'utf8') as Hex]),
  )
}

function compileInto(solc: Solc, variants: [string, string][], cached: (source: string) => string) {
  const fileOf = (name: string) => (name === 'original' ? 'FeeRouter.sol' : `mutants/${name}/FeeRouter.sol`)
  const sources = Object.fromEntries(variants.map(([name, content]) => [fileOf(name), { content }]))
  const outputSelection = { '*': { FeeRouter: ['evm.bytecode.object'] } }
  const input = { language: 'Solidity', sources, settings: { ...settings, outputSelection } }
  const findImports = (path: string) => {
    try {
      return { contents: readFileSync(fromContracts.resolve(path), 'utf8') }
    } catch {
      return { error: `import not found: ${path}` }
    }
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new MutantCompileError(errors.map((e) => e.formattedMessage))
  mkdirSync(cacheDir, { recursive: true })
  for (const [name, source] of variants) {
    const bytecode = output.contracts?.[fileOf(name)]?.FeeRouter?.evm.bytecode.object
    if (!bytecode) throw new MutantCompileError([`no FeeRouter bytecode for ${name}`])
    writeFileSync(cached(source), `0x${bytecode}`)
  }
}
