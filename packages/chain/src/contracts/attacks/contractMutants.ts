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
const cacheDir = join(tmpdir(), 'openledger-contract-mutants')
const TAG = /\/\/ protection: ([a-z0-9-]+)\s*$/

export type Protection = { name: string; line: number }

/** A contract's source as the contracts package holds it, e.g. `contractSource('FeeRouter.sol')`. */
export const contractSource = (file: string) => readFileSync(join(contractsRoot, 'solidity', file), 'utf8')

/**
 * The guards tagged `// protection: <name>` at the end of their line, with their 1-based line numbers.
 *
 * @example
 * protectionsOf(contractSource('FeeRouter.sol')).map((p) => p.name) // ['withdrawal-delay', ...]
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

export type CompileVariantsParameters = {
  /** The source file under `solidity/`, e.g. `AgentStaking.sol`; its imports resolve beside it. */
  file: string
  /** The contract in it whose creation bytecode is wanted. */
  contract: string
  /** Variant name → source of `file`. */
  variants: Record<string, string>
}

/**
 * Compiles variants of one contract's source with the contracts package's solc-js and build settings, only
 * that file and its imports, all in one solc run; returns each variant's creation bytecode. Each bytecode is
 * cached on disk by the hash of its source, the contract, the settings and solc's version, so a variant
 * compiles once.
 *
 * @example
 * const { original } = compileVariants({ file: 'FeeRouter.sol', contract: 'FeeRouter',
 *   variants: { original: contractSource('FeeRouter.sol') } })
 */
export function compileVariants({
  file,
  contract,
  variants,
}: CompileVariantsParameters): Record<string, Hex> {
  const solc = fromContracts('solc') as Solc
  const keyOf = (source: string) =>
    createHash('sha256')
      .update(JSON.stringify({ file, contract, source, settings, version: solc.version() }))
      .digest('hex')
  const cached = (source: string) => join(cacheDir, `${keyOf(source)}.hex`)
  const missing = Object.entries(variants).filter(([, source]) => !existsSync(cached(source)))
  if (missing.length > 0) compileInto(solc, { file, contract, variants: Object.fromEntries(missing) }, cached)
  return Object.fromEntries(
    Object.entries(variants).map(([name, source]) => [name, readFileSync(cached(source), 'utf8') as Hex]),
  )
}

function compileInto(
  solc: Solc,
  { file, contract, variants }: CompileVariantsParameters,
  cached: (s: string) => string,
) {
  // Mutants sit in folders of their own beside the original, so a relative import (`./AgentRegistry.sol`) of a
  // mutant resolves to the unmutated neighbour through findImports.
  const fileOf = (name: string) => (name === 'original' ? file : `mutants/${name}/${file}`)
  const sources = Object.fromEntries(
    Object.entries(variants).map(([name, content]) => [fileOf(name), { content }]),
  )
  const outputSelection = { '*': { [contract]: ['evm.bytecode.object'] } }
  const input = { language: 'Solidity', sources, settings: { ...settings, outputSelection } }
  const findImports = (path: string) => {
    try {
      const local = path.replace(/^mutants\/[^/]+\//, '')
      const resolved = path.startsWith('@')
        ? fromContracts.resolve(path)
        : join(contractsRoot, 'solidity', local)
      return { contents: readFileSync(resolved, 'utf8') }
    } catch {
      return { error: `import not found: ${path}` }
    }
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0)
    throw new MutantCompileError(
      contract,
      errors.map((e) => e.formattedMessage),
    )
  mkdirSync(cacheDir, { recursive: true })
  for (const [name, source] of Object.entries(variants)) {
    const bytecode = output.contracts?.[fileOf(name)]?.[contract]?.evm.bytecode.object
    if (!bytecode) throw new MutantCompileError(contract, [`no ${contract} bytecode for ${name}`])
    writeFileSync(cached(source), `0x${bytecode}`)
  }
}
