// `npm run lint:layers`: the package-level import rules of .dependency-cruiser.mjs (layers, declared
// dependencies, no internals), then every workspace's package.json against what its files import.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cruise, format } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import { testUse } from '../.dependency-cruiser.mjs'

const repository = fileURLToPath(new URL('..', import.meta.url))
/** The folders of a workspace that hold code (not node_modules, generated README examples or data). */
const codeFolders = ['src', 'bench', 'scripts', 'bin']

/**
 * Packages a workspace uses without an import that a parser sees, so they are never reported as unused.
 * @type {Record<string, string[]>}
 */
const usedWithoutImport = {
  // The Solidity sources import OpenZeppelin; scripts/build.ts compiles them at install.
  contracts: ['@openzeppelin/contracts'],
  // Build artifacts read by path (createRequire).
  'packages/chain': ['@safe-global/safe-contracts'],
  'packages/tools': ['@uniswap/v2-core', '@uniswap/v2-periphery'],
}

/**
 * Cruises the workspaces under `baseDir` with the repository's rules and checks each workspace's
 * package.json: a dependency never imported, or one that only tests import (it belongs in devDependencies).
 *
 * @param {{ baseDir?: string }} [parameters] the repository (a fixture's in tests)
 * @returns {Promise<{ violations: import('dependency-cruiser').IViolation[], problems: string[], report: string }>}
 * @example
 * const { violations, problems, report } = await lintLayers()
 * if (violations.length + problems.length > 0) console.error(report)
 */
export async function lintLayers({ baseDir = repository } = {}) {
  const options = await extractDepcruiseOptions(join(repository, '.dependency-cruiser.mjs'))
  const { output } = await cruise(sourceFolders(baseDir), { ...options, baseDir: resolve(baseDir) }, {}, {})
  const result = /** @type {import('dependency-cruiser').ICruiseResult} */ (output)
  const problems = packageJsonProblems(result, baseDir)
  const { output: text } = await format(result, { outputType: 'err' })
  const report = [String(text).trim(), ...problems].filter(Boolean).join('\n')
  return { violations: result.summary.violations, problems, report }
}

/** The folders of each workspace (contracts, packages/*, agents/*) that hold code: its sources, benchmarks, scripts. */
function sourceFolders(/** @type {string} */ baseDir) {
  const children = (/** @type {string} */ folder) =>
    readdirSync(join(baseDir, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${folder}/${entry.name}`)
  const workspaces = [...children('packages'), ...children('agents'), 'contracts']
  return workspaces.flatMap((workspace) =>
    children(workspace).filter((folder) => codeFolders.includes(basename(folder))),
  )
}

/** @param {import('dependency-cruiser').ICruiseResult} result @param {string} baseDir */
function packageJsonProblems(result, baseDir) {
  const uses = usesByWorkspace(result)
  return [...uses]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([workspace, used]) => {
      const manifest = JSON.parse(readFileSync(join(baseDir, workspace, 'package.json'), 'utf8'))
      const dependencies = Object.keys(manifest.dependencies ?? {})
      const declared = [...dependencies, ...Object.keys(manifest.devDependencies ?? {})]
      const quiet = new Set(usedWithoutImport[workspace] ?? [])
      const where = `${workspace}/package.json:`
      const unused = declared
        .filter((name) => !used.has(name) && !quiet.has(name) && !typesInUse(name, used))
        .map((name) => `${where} "${name}" is declared but no file imports it: remove it`)
      const testOnly = dependencies
        .filter((name) => used.get(name) === 'tests' && !quiet.has(name))
        .map((name) => `${where} "${name}" is imported by tests only: move it to devDependencies`)
      return [...unused, ...testOnly]
    })
}

/**
 * For each workspace, each package its files import and whether production code imports it (`production`) or
 * tests and their helpers only (`tests`).
 * @param {import('dependency-cruiser').ICruiseResult} result
 */
function usesByWorkspace(result) {
  const testFile = new RegExp(testUse)
  /** @type {Map<string, Map<string, 'production' | 'tests'>>} */
  const uses = new Map()
  for (const module of result.modules) {
    const workspace = /^((packages|agents)\/[^/]+|contracts)\//.exec(module.source)?.[1]
    if (!workspace) continue
    const used = uses.get(workspace) ?? new Map()
    uses.set(workspace, used)
    for (const dependency of module.dependencies) {
      if (dependency.coreModule || !dependency.resolved.includes('node_modules/')) continue
      const name = packageName(dependency.module)
      if (!testFile.test(module.source)) used.set(name, 'production')
      else if (!used.has(name)) used.set(name, 'tests')
    }
  }
  return uses
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. @param {string} specifier */
function packageName(specifier) {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : /** @type {string} */ (parts[0])
}

/** `@types/x` is in use when `x` is (`@types/scope__x` for `@scope/x`); `@types/node` always is. */
function typesInUse(/** @type {string} */ name, /** @type {Map<string, unknown>} */ used) {
  if (!name.startsWith('@types/')) return false
  const typed = name.slice('@types/'.length)
  return typed === 'node' || used.has(typed.includes('__') ? `@${typed.replace('__', '/')}` : typed)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now()
  const { violations, problems, report } = await lintLayers()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (violations.length + problems.length > 0) {
    console.error(report)
    console.error(`layers: ${violations.length} import violations, ${problems.length} package.json problems`)
    process.exitCode = 1
  } else console.log(`layers: no violations (${seconds} s)`)
}
