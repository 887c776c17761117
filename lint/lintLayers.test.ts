import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { lintLayers } from './lintLayers.mjs'

// A small monorepo checked with the repository's own rules (.dependency-cruiser.mjs): `tools` sits in the
// fourth layer, with imports that are right and imports that each break one rule.
const packages: Record<string, { exports?: Record<string, string>; files: Record<string, string> }> = {
  contracts: { files: { 'src/index.ts': 'export const c = 1\n' } },
  errors: {
    exports: { '.': './src/index.ts', './testing': './src/testing/index.ts' },
    files: {
      'src/index.ts': 'export const e = 1\n',
      'src/internal.ts': 'export const i = 1\n',
      'src/testing/index.ts': 'export const t = 1\n',
    },
  },
  chain: { files: { 'src/index.ts': 'export const ch = 1\n' } },
  store: { files: { 'src/index.ts': 'export const st = 1\n' } },
  settlement: { files: { 'src/index.ts': 'export const s = 1\n' } },
  gateway: { files: { 'src/index.ts': 'export const g = 1\n' } },
  tools: {
    files: {
      'src/good.ts': "export { e } from '@openledger/errors'\n",
      'src/good.test.ts':
        "export { st } from '@openledger/store'\nexport { c } from '@openledger/contracts'\n",
      'src/upward.ts': "export { g } from '@openledger/gateway'\n",
      'src/settlement.ts': "export { s } from '@openledger/settlement'\n",
      'src/internals.ts': "export { i } from '@openledger/errors/src/internal.ts'\n",
      'src/relative.ts': "export { e } from '../../errors/src/index.js'\n",
      'src/undeclared.ts': "export { ch } from '@openledger/chain'\n",
      'src/devDependency.ts': "export { st } from '@openledger/store'\n",
      'src/testHelper.ts': "export { t } from '@openledger/errors/testing'\n",
    },
  },
}
const toolsDependencies = {
  dependencies: {
    '@openledger/contracts': '*',
    '@openledger/errors': '*',
    '@openledger/gateway': '*',
    '@openledger/settlement': '*',
    'left-pad': '*',
  },
  devDependencies: { '@openledger/store': '*' },
}

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'openledger-layers-'))
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  write('package.json', JSON.stringify({ name: 'fixture', private: true, workspaces: ['packages/*'] }))
  mkdirSync(join(root, 'agents'))
  mkdirSync(join(root, 'node_modules/@openledger'), { recursive: true })
  for (const [name, { exports = { '.': './src/index.ts' }, files }] of Object.entries(packages)) {
    const folder = name === 'contracts' ? 'contracts' : `packages/${name}`
    const manifest = { name: `@openledger/${name}`, type: 'module', exports }
    write(
      `${folder}/package.json`,
      JSON.stringify(name === 'tools' ? { ...manifest, ...toolsDependencies } : manifest),
    )
    for (const [path, text] of Object.entries(files)) write(`${folder}/${path}`, text)
    symlinkSync(join(root, folder), join(root, 'node_modules/@openledger', name), 'dir')
  }
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the layering check', () => {
  test('fails on each wrong import with its rule, and passes the right ones', async () => {
    const { violations, problems } = await lintLayers({ baseDir: root })
    const found = violations.map(({ rule, from }) => `${rule.name}: ${from}`).sort()
    expect(found).toEqual([
      'layer-same: packages/tools/src/settlement.ts',
      'layer-upward: packages/tools/src/upward.ts',
      'no-cross-package-relative: packages/tools/src/relative.ts',
      'no-non-package-json: packages/tools/src/undeclared.ts',
      'no-test-helpers-in-production: packages/tools/src/testHelper.ts',
      'not-to-dev-dep: packages/tools/src/devDependency.ts',
      'not-to-unresolvable: packages/tools/src/internals.ts',
      'tools-no-settlement-or-runtime: packages/tools/src/settlement.ts',
    ])
    expect(problems).toEqual([
      'packages/tools/package.json: "left-pad" is declared but no file imports it: remove it',
      'packages/tools/package.json: "@openledger/contracts" is imported by tests only: move it to devDependencies',
    ])
  })
})
