import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loraModules } from '../model/types.js'
import { AdapterCache } from './AdapterCache.js'
import { AdapterRegistry } from './AdapterRegistry.js'
import { createSlotBuffers, type SlotBuffers } from './createSlotBuffers.js'
import { parsePeftAdapter } from './parsePeftAdapter.js'
import { tinyLlamaConfig as config, generatePeftAdapter } from './testing.js'
import { writeSlot } from './writeSlot.js'

const base = { modelId: 'stories260K', config, maxRank: 8 }
const files = (seed: number, rank = 8) => generatePeftAdapter({ config, rank, seed })

/** The slot's contents as one array, to compare with what writeSlot would put there. */
function slotContents(buffers: SlotBuffers, slot: number): number[] {
  const out: number[] = []
  for (const arrays of [buffers.a, buffers.b]) {
    for (const layer of arrays) {
      for (const array of layer) {
        const size = array.length / buffers.slots
        out.push(...array.subarray(slot * size, (slot + 1) * size))
      }
    }
  }
  return out
}

describe('AdapterCache', () => {
  let root: string
  let registry: AdapterRegistry
  let cache: AdapterCache
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'cache-'))
    registry = new AdapterRegistry({ root, base })
    for (const [i, name] of ['a', 'b', 'c', 'd', 'e'].entries())
      await registry.register({ name, files: files(i) })
    cache = new AdapterCache({
      registry,
      buffers: createSlotBuffers(config, { slots: 4, rank: 8, modules: loraModules }),
    })
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  const expected = (seed: number) => {
    const buffers = createSlotBuffers(config, { slots: 2, rank: 8, modules: loraModules })
    writeSlot(buffers, 1, parsePeftAdapter(files(seed), base))
    return slotContents(buffers, 1)
  }
  const use = (id: string) => {
    const slot = cache.acquire(id)!
    cache.release(slot)
    return slot
  }

  it('loads on a miss, hits when resident, evicts the least recently used', () => {
    expect(['a', 'b', 'c'].map(use)).toEqual([1, 2, 3])
    expect(use('a')).toBe(1) // a is now the most recently used; b the least
    expect(use('d')).toBe(2)
    expect(cache.residentIds().sort()).toEqual(['a', 'c', 'd'])
    expect(slotContents(cache.buffers, 2)).toEqual(expected(3))
    expect(slotContents(cache.buffers, 1)).toEqual(expected(0))
    expect(slotContents(cache.buffers, 0).every((v) => v === 0)).toBe(true)
    expect(use('c')).toBe(3)
    expect(use('b')).toBe(1) // a is least recently used now
    expect(cache.stats()).toMatchObject({
      slots: 3,
      resident: 3,
      pinned: 0,
      inUse: 0,
      hits: 2,
      misses: 5,
      busy: 0,
      loads: 5,
      loadErrors: 0,
      evictions: 2,
    })
    expect(cache.stats().loadMsP50).toBeGreaterThan(0)
    expect(cache.stats().loadMsTotal).toBeGreaterThan(0)
  })

  it('never evicts a slot in use, and answers undefined when every slot is busy', () => {
    const slots = ['a', 'b', 'c'].map((id) => cache.acquire(id)!)
    expect(cache.acquire('a')).toBe(slots[0]) // a second request on a: refcount 2
    expect(cache.acquire('d')).toBeUndefined()
    cache.release(slots[0]!)
    expect(cache.acquire('d')).toBeUndefined() // a still held once
    cache.release(slots[1]!)
    expect(cache.acquire('d')).toBe(slots[1])
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 4, busy: 2, loads: 4, evictions: 1, inUse: 3 })
    cache.release(slots[0]!)
    expect(() => cache.release(slots[0]!)).toThrow('Slot 1: released more times than acquired.')
    cache.release(0) // the base model's slot: nothing to release
  })

  it('keeps pinned adapters resident and limits pins to the adapter slots', () => {
    expect(cache.pin('a')).toBe(1)
    for (const id of ['b', 'c', 'd', 'e', 'b', 'c', 'd', 'e']) expect(use(id)).not.toBe(1)
    expect(use('a')).toBe(1)
    cache.pin('b')
    cache.pin('c')
    expect(cache.stats().pinned).toBe(3)
    expect(cache.pinnedIds()).toEqual(['a', 'b', 'c'])
    expect(() => cache.pin('d')).toThrow('Cannot pin adapter d: 3 adapter(s) are pinned already')
    // no release would ever free a slot: refused now rather than left waiting
    expect(() => cache.acquire('d')).toThrow(
      'Cannot load adapter d: all 3 adapter slot(s) hold pinned adapters.',
    )
    cache.unpin('c')
    expect(cache.pinnedIds()).toEqual(['a', 'b'])
    expect(use('d')).toBe(3) // c's slot, free to evict again
    expect(cache.residentIds().sort()).toEqual(['a', 'b', 'd'])
  })

  it('pins an adapter it cannot load yet, loading it at its next acquire', () => {
    const held = ['a', 'b', 'c'].map((id) => cache.acquire(id)!)
    expect(cache.pin('d')).toBeUndefined()
    cache.release(held[1]!)
    expect(cache.acquire('d')).toBe(held[1])
    expect(cache.stats()).toMatchObject({ pinned: 1, loads: 4 })
  })

  it('refuses unknown ids and keeps a slot clean when a blob fails at load', () => {
    expect(() => cache.acquire('zzz')).toThrow('Adapter zzz is not registered.')
    for (const id of ['a', 'b', 'c']) use(id)
    const path = join(root, 'blobs', registry.get('d')!.sha256, 'adapter_model.safetensors')
    const bytes = readFileSync(path)
    bytes[bytes.length - 2]! ^= 0x01
    writeFileSync(path, bytes)
    expect(() => cache.acquire('d')).toThrow('Adapter d is invalid: its stored files no longer match sha256')
    expect(cache.residentIds().sort()).toEqual(['a', 'b', 'c'])
    expect(slotContents(cache.buffers, 1)).toEqual(expected(0)) // the LRU victim was left as it was
    expect(use('a')).toBe(1)
    expect(cache.stats()).toMatchObject({ misses: 4, loads: 3, loadErrors: 1, evictions: 0, hits: 1 })
  })

  it('evicts an idle adapter on request, refusing one in use', () => {
    const slot = cache.acquire('a')!
    expect(() => cache.evict('a')).toThrow('Adapter a is in use by 1 request(s) and cannot be evicted.')
    cache.release(slot)
    cache.pin('a')
    expect(cache.evict('a')).toBe(true)
    expect(cache.stats()).toMatchObject({ resident: 0, pinned: 0, evictions: 0 })
    expect(slotContents(cache.buffers, slot).every((v) => v === 0)).toBe(true)
    expect(cache.evict('b')).toBe(false)
    registry.remove('a')
    expect(() => cache.acquire('a')).toThrow('Adapter a is not registered.')
  })

  it('shares a slot between names of one blob and reloads a replaced name', async () => {
    await registry.register({ name: 'a2', files: files(0) })
    expect(use('a')).toBe(use('a2'))
    await registry.register({ name: 'a', files: files(7), replace: true })
    expect(use('a')).toBe(2)
    expect(slotContents(cache.buffers, 2)).toEqual(expected(7))
    expect(cache.residentIds().sort()).toEqual(['a', 'a2'])
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, loads: 2 })
  })

  it("counts every cold load and reports its time percentiles (the 5 ms target is the benchmark's)", async () => {
    for (let i = 0; i < 40; i++) await registry.register({ name: `cold${i}`, files: files(100 + i) })
    for (let i = 0; i < 40; i++) use(`cold${i}`)
    const { loads, loadMsP50, loadMsP99 } = cache.stats()
    expect(loads).toBe(40)
    expect(loadMsP50).toBeGreaterThan(0)
    expect(loadMsP99).toBeGreaterThanOrEqual(loadMsP50!)
  })
})
