// Package-level import rules, checked by `npm run lint:layers` (lint/lintLayers.mjs, part of `npm run lint`).
// docs/architecture.md writes the same layers and exceptions down in words: keep the two in step.

/**
 * The dependency direction, bottom layer first. A package imports packages of lower layers only (it may skip
 * layers); `agents/*` stands for every package under agents/ (named `@openledger/agent-<folder>`).
 */
const layers = [
  ['contracts', 'errors'],
  ['chain', 'store', 'http'],
  ['attribution', 'datanets', 'lora-host'],
  ['agent-runtime', 'tools', 'settlement', 'staking', 'model-factory'],
  ['gateway', 'agents/*'],
  ['provision'],
  ['cli'],
]

/**
 * The same-layer imports allowed, one way only, each with its reason. `tests: true` allows the import from tests
 * and benchmarks only (`*.test.ts`, bench/: a devDependency), never from production code or testing/ helpers.
 */
const sameLayer = [
  { from: 'chain', to: 'store', because: 'Safe proposals keep their signatures in the store' },
  { from: 'settlement', to: 'staking', because: "an epoch is sent through staking's FeeRouter SDK" },
  { from: 'attribution', to: 'lora-host', tests: true, because: 'span tests tokenize with the test model' },
  { from: 'datanets', to: 'lora-host', tests: true, because: 'index tests embed with the test model host' },
  {
    from: 'datanets',
    to: 'attribution',
    tests: true,
    because: 'a test feeds retrieval scores to attribution',
  },
  {
    from: 'tools',
    to: 'agent-runtime',
    tests: true,
    because: "datanet_search's test checks that the runtime's EvidenceCollector reads the tool's events",
  },
]

/** Tests and benchmarks: code no package exports. */
const testFiles = '\\.test\\.ts$|^(packages|agents)/[^/]+/bench/'
/**
 * Tests and their helpers: the above, testing/ folders (and testing.ts files), the store's exported conformance
 * suite, and chain's src/contracts/ (the contracts' tests and fixtures, beside the devnet they run on).
 * lint/lintLayers.mjs reads this too: a dependency imported only from here belongs in devDependencies.
 */
export const testUse = [
  testFiles,
  '/testing(/|\\.ts$)',
  '^packages/store/src/conformance(/|\\.ts$)',
  '^packages/chain/src/contracts/',
].join('|')
/** Files that may import devDependencies: the above, and build scripts. */
const devOnly = `${testUse}|^(packages|agents)/[^/]+/scripts/|^contracts/scripts/`
/** Any workspace's files; the group is the workspace's folder. */
const workspaceSources = '^((packages|agents)/[^/]+|contracts)/'

/** Where a layer entry's sources are. */
const sourceOf = (name) =>
  name === 'contracts' ? '^contracts/' : name === 'agents/*' ? '^agents/[^/]+/' : `^packages/${name}/`

/** The resolved path of an import of these packages: imports resolve through the node_modules links. */
const packageOf = (names) => {
  const pattern = (name) => (name === 'agents/*' ? 'agent-(?!runtime/)[^/]+' : name)
  return `^node_modules/@openledger/(${names.map(pattern).join('|')})/`
}

const layerRules = layers.flatMap((layer, index) => {
  const above = layers.slice(index + 1).flat()
  return layer.flatMap((name) => {
    const allowed = sameLayer.filter((edge) => edge.from === name)
    const inProduction = layer.filter((peer) => !allowed.some((edge) => edge.to === peer && !edge.tests))
    const inTests = layer.filter((peer) => !allowed.some((edge) => edge.to === peer))
    const upward = {
      name: 'layer-upward',
      comment: `${name} imports a package of a higher layer (docs/architecture.md)`,
      severity: 'error',
      from: { path: sourceOf(name) },
      to: { path: packageOf(above) },
    }
    const same = {
      name: 'layer-same',
      comment: `${name} imports a package of its own layer that docs/architecture.md does not allow`,
      severity: 'error',
      from: { path: sourceOf(name), pathNot: testFiles },
      to: { path: packageOf(inProduction) },
    }
    const sameInTests = {
      ...same,
      from: { path: `${sourceOf(name)}(.*\\.test\\.ts$|bench/)` },
      to: { path: packageOf(inTests) },
    }
    return above.length > 0 ? [upward, same, sameInTests] : [same, sameInTests]
  })
})

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: 'tools-no-settlement-or-runtime',
      comment: 'tools never depend on settlement or agent-runtime: inject what they need',
      severity: 'error',
      from: { path: sourceOf('tools'), pathNot: testFiles },
      to: { path: packageOf(['settlement', 'agent-runtime']) },
    },
    {
      name: 'runtime-no-gating',
      comment: 'agent-runtime knows no HTTP, chain gating, staking or settlement (the gateway does those)',
      severity: 'error',
      from: { path: sourceOf('agent-runtime') },
      to: { path: packageOf(['gateway', 'http', 'settlement', 'staking', 'chain', 'contracts']) },
    },
    {
      name: 'lora-host-no-chain',
      comment: 'the model host knows no chain: registration checks are injected',
      severity: 'error',
      from: { path: sourceOf('lora-host') },
      to: { path: packageOf(['chain', 'contracts', 'staking', 'settlement']) },
    },
    {
      name: 'no-test-helpers-in-production',
      comment:
        'production code imports a test helper: a testing/ folder or entry, a conformance suite, a test file',
      severity: 'error',
      from: { path: workspaceSources, pathNot: devOnly },
      to: { path: '(/testing(/|\\.ts$)|/src/conformance(/|\\.ts$)|\\.test\\.ts$)' },
    },
    {
      name: 'no-cross-package-relative',
      comment: "a relative import reaches into another package's folder: import the package by its name",
      severity: 'error',
      from: { path: workspaceSources },
      to: { path: '^(packages|agents|contracts)/', pathNot: '^$1/' },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        "an import that does not resolve: a missing module, or another package's internals (import a package by its name or its package.json exports only)",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: "a package imported but not declared in this workspace's package.json",
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'production code imports a devDependency (allowed from tests, testing/, bench/ and scripts only)',
      severity: 'error',
      from: { path: workspaceSources, pathNot: devOnly },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['npm'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(src/generated|readme-examples)/|\\.md$' },
    // Workspace packages resolve through their node_modules links, so each import of one is checked against
    // the importer's package.json like any other package, and only its package.json `exports` resolve.
    preserveSymlinks: true,
    // The root package.json's devDependencies (vitest, …) count as every workspace's.
    combinedDependencies: true,
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
}
