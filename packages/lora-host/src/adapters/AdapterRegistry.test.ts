import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AdapterRegistry } from './AdapterRegistry.js'
import { adapterSha256 } from './adapterSha256.js'
import { type AdapterBase, parsePeftAdapter } from './parsePeftAdapter.js'
import { tinyLlamaConfig as config, generatePeftAdapter } from './testing.js'

const base: AdapterBase = { modelId: 'stories260K', config, maxRank: 8 }
const adapter = (seed: number, rank = 2) =>
  generatePeftAdapter({ config, rank, modules: ['q_proj', 'v_proj'], seed })

async function rejection(promise: Promise<unknown>): Promise<{ name: string; shortMessage: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error) => error,
  )
}

describe('AdapterRegistry', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'adapters-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))
  const blobDirs = () => readdirSync(join(root, 'blobs')).sort()
  const indexLines = () => readFileSync(join(root, 'index.jsonl'), 'utf8').trim().split('\n').length

  it('registers, stores content-addressed, and reads back the same weights', async () => {
    const registry = new AdapterRegistry({ root, base })
    const files = adapter(1)
    const sha256 = adapterSha256(files)
    const info = await registry.register({ name: 'defi', files })
    expect(info).toEqual({
      id: 'defi',
      sha256,
      rank: 2,
      targetModules: ['q_proj', 'v_proj'],
      bytes: files.config.length + files.weights.length,
    })
    expect(readFileSync(join(root, 'blobs', sha256, 'adapter_model.safetensors'))).toEqual(
      Buffer.from(files.weights),
    )
    expect(readFileSync(join(root, 'blobs', sha256, 'adapter_config.json'))).toEqual(
      Buffer.from(files.config),
    )
    expect(registry.get('defi')).toEqual(info)
    expect(registry.get('nope')).toBeUndefined()
    expect(registry.list()).toEqual([info])
    expect(registry.size).toBe(1)
    expect(registry.readWeights('defi').layers).toEqual(parsePeftAdapter(files, base).layers)
  })

  it('registers a folder, named by its sha256 by default; same content shares one blob', async () => {
    const registry = new AdapterRegistry({ root, base })
    const files = adapter(2)
    const dir = join(root, 'incoming')
    mkdirSync(dir)
    writeFileSync(join(dir, 'adapter_config.json'), files.config)
    writeFileSync(join(dir, 'adapter_model.safetensors'), files.weights)
    const info = await registry.register({ dir })
    expect(info.id).toBe(adapterSha256(files))
    expect(await registry.register({ name: 'again', files })).toMatchObject({
      id: 'again',
      sha256: info.sha256,
    })
    expect(await registry.register({ name: 'again', files })).toMatchObject({ id: 'again' }) // idempotent
    expect(registry.size).toBe(2)
    expect(blobDirs()).toEqual([info.sha256])
    expect(indexLines()).toBe(2)
    const missing = await rejection(registry.register({ dir: join(root, 'nowhere') }))
    expect(missing.shortMessage).toBe(
      `Invalid PEFT adapter: cannot read adapter_config.json in ${join(root, 'nowhere')} (ENOENT).`,
    )
  })

  it('refuses a taken name with other content unless replace, and a bad name', async () => {
    const registry = new AdapterRegistry({ root, base })
    const first = await registry.register({ name: 'defi', files: adapter(1) })
    const conflict = await rejection(registry.register({ name: 'defi', files: adapter(2) }))
    expect(conflict.name).toBe('AdapterExistsError')
    expect(conflict.shortMessage).toBe('Adapter defi already exists with other content.')
    const second = await registry.register({ name: 'defi', files: adapter(2), replace: true })
    expect(second.sha256).not.toBe(first.sha256)
    expect(blobDirs()).toEqual([second.sha256]) // the old blob had no other name
    expect(registry.readWeights('defi').layers).toEqual(parsePeftAdapter(adapter(2), base).layers)
    for (const name of ['', '-x', 'a b', 'x/y', '../up', 'a'.repeat(65)]) {
      expect((await rejection(registry.register({ name, files: adapter(1) }))).name).toBe(
        'InvalidAdapterNameError',
      )
    }
  })

  it('removes names, deleting a blob when its last name goes', async () => {
    const registry = new AdapterRegistry({ root, base })
    const { sha256 } = await registry.register({ name: 'a', files: adapter(1) })
    await registry.register({ name: 'b', files: adapter(1) })
    registry.remove('a')
    expect(blobDirs()).toEqual([sha256])
    registry.remove('b')
    expect(blobDirs()).toEqual([])
    expect(registry.size).toBe(0)
    expect(() => registry.remove('b')).toThrow('Adapter b is not registered.')
    expect(() => registry.readWeights('b')).toThrow('Adapter b is not registered.')
  })

  it('reopens with every adapter, compacting the index and dropping a torn last line', async () => {
    const registry = new AdapterRegistry({ root, base })
    for (let seed = 1; seed <= 5; seed++) await registry.register({ name: `n${seed}`, files: adapter(seed) })
    registry.remove('n2')
    await registry.register({ name: 'n3', files: adapter(9), replace: true })
    expect(indexLines()).toBe(7)
    writeFileSync(
      join(root, 'index.jsonl'),
      `${readFileSync(join(root, 'index.jsonl'), 'utf8')}{"name":"n6","sha`,
    )
    mkdirSync(join(root, 'tmp', 'interrupted'), { recursive: true })
    const reopened = new AdapterRegistry({ root, base })
    expect(reopened.list()).toEqual(registry.list())
    expect(indexLines()).toBe(4)
    expect(existsSync(join(root, 'tmp'))).toBe(false)
    expect(reopened.readWeights('n3').layers).toEqual(parsePeftAdapter(adapter(9), base).layers)
    writeFileSync(
      join(root, 'index.jsonl'),
      `{"name":"x"}\n${readFileSync(join(root, 'index.jsonl'), 'utf8')}`,
    )
    expect(() => new AdapterRegistry({ root, base })).toThrow(/^Adapter index .* is corrupt at line 1: /)
  })

  it('writes nothing for an invalid adapter', async () => {
    const registry = new AdapterRegistry({ root, base })
    const files = generatePeftAdapter({ config, rank: 16 })
    const error = await rejection(registry.register({ name: 'big', files }))
    expect(error.name).toBe('AdapterValidationError')
    expect(error.shortMessage).toBe("Adapter big is invalid: rank 16 is above the host's maximum rank 8.")
    expect(readdirSync(root)).toEqual(['blobs'])
    expect(blobDirs()).toEqual([])
    expect(registry.size).toBe(0)
  })

  it('detects a blob damaged on disk after registration, never returning its numbers', async () => {
    const registry = new AdapterRegistry({ root, base })
    const { sha256 } = await registry.register({ name: 'defi', files: adapter(1) })
    const path = join(root, 'blobs', sha256, 'adapter_model.safetensors')
    const bytes = readFileSync(path)
    bytes[bytes.length - 2]! ^= 0x01 // one flipped mantissa bit: still a valid, finite file
    writeFileSync(path, bytes)
    expect(() => registry.readWeights('defi')).toThrow(
      `Adapter defi is invalid: its stored files no longer match sha256 ${sha256}.`,
    )
    rmSync(path)
    expect(() => registry.readWeights('defi')).toThrow(
      'Adapter defi is invalid: its stored files cannot be read (ENOENT).',
    )
  })

  it('keeps distinct adapters apart', async () => {
    const registry = new AdapterRegistry({ root, base })
    for (let seed = 0; seed < 40; seed++) {
      await registry.register({ name: `a${seed}`, files: adapter(seed, 1 + (seed % 8)) })
    }
    expect(blobDirs()).toHaveLength(40)
    for (const seed of [0, 13, 39]) {
      expect(registry.get(`a${seed}`)!.rank).toBe(1 + (seed % 8))
      expect(registry.readWeights(`a${seed}`).layers).toEqual(
        parsePeftAdapter(adapter(seed, 1 + (seed % 8)), base).layers,
      )
    }
  })
})
