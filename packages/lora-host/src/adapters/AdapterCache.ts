import { AdapterInUseError } from './AdapterInUseError.js'
import { AdapterNotFoundError } from './AdapterNotFoundError.js'
import { AdapterPinLimitError } from './AdapterPinLimitError.js'
import type { AdapterRegistry } from './AdapterRegistry.js'
import { AdapterSlotError } from './AdapterSlotError.js'
import { AdapterSlotsPinnedError } from './AdapterSlotsPinnedError.js'
import type { SlotBuffers } from './createSlotBuffers.js'
import { writeSlot } from './writeSlot.js'

/** Where the cache finds adapters: an `AdapterRegistry`, or a fake in tests. */
export type AdapterSource = Pick<AdapterRegistry, 'get' | 'readWeights'>

/** Counters since the cache was created. hits + misses + busy = acquire calls for registered ids. */
export type AdapterCacheStats = {
  /** Adapter slots (slot 0, the base model, excluded). */
  slots: number
  resident: number
  pinned: number
  /** Resident adapters held by at least one request. */
  inUse: number
  /** Acquires served by a resident adapter. */
  hits: number
  /** Acquires that loaded (or failed to load) the adapter. */
  misses: number
  /** Acquires that returned undefined: every slot busy or pinned. */
  busy: number
  /** Successful loads from disk into a slot (acquire or pin). */
  loads: number
  /** Loads that failed (validation, I/O); the slot was left as it was. */
  loadErrors: number
  /** Adapters evicted to make room (LRU); explicit `evict` calls are not counted. */
  evictions: number
  loadMsTotal: number
  /** Over the last `loadTimeWindow` loads. */
  loadMsP50: number | undefined
  loadMsP99: number | undefined
}

type Slot = { sha256: string; ids: Set<string>; refs: number; lastUsed: number }

/**
 * Keeps a bounded set of adapters resident in slot buffers: every registered adapter lives on disk, the
 * recently used ones in slots 1…slots-1. Slots are keyed by content (sha256), so names sharing a blob share a
 * slot and a replaced name never serves stale weights. Misses load synchronously (a few ms) into a free slot
 * or the least recently used idle, unpinned one; weights are parsed and checked before the slot is touched.
 *
 * @example
 * const cache = new AdapterCache({ registry, buffers })
 * const slot = cache.acquire('defi') // undefined: all slots busy, retry at the next step
 * if (slot !== undefined) { runBatchRowWith(slot); cache.release(slot) }
 */
export class AdapterCache {
  readonly buffers: SlotBuffers
  private readonly registry: AdapterSource
  private readonly slots: (Slot | undefined)[]
  private readonly bySha = new Map<string, number>()
  /** Pinned id → the sha256 it named when pinned. */
  private readonly pins = new Map<string, string>()
  private readonly loadTimes: number[] = []
  private readonly loadTimeWindow: number
  private tick = 0
  private counters = { hits: 0, misses: 0, busy: 0, loads: 0, loadErrors: 0, evictions: 0, loadMsTotal: 0 }

  constructor(options: { registry: AdapterSource; buffers: SlotBuffers; loadTimeWindow?: number }) {
    this.registry = options.registry
    this.buffers = options.buffers
    this.slots = new Array(options.buffers.slots).fill(undefined)
    this.loadTimeWindow = options.loadTimeWindow ?? 1024
  }

  /**
   * A slot holding the adapter, its reference count incremented; `undefined` when it is not resident and no
   * slot can take it now. Throws `AdapterNotFoundError`, `AdapterSlotsPinnedError` when every slot holds a
   * pinned adapter (no release would ever make room), or the load error (to this caller only).
   */
  acquire(id: string): number | undefined {
    const sha256 = this.shaOf(id)
    let index = this.bySha.get(sha256)
    if (index !== undefined) {
      this.counters.hits++
    } else {
      const free = this.freeSlot()
      if (free === undefined) {
        if (this.everySlotPinned()) throw new AdapterSlotsPinnedError(id, this.buffers.slots - 1)
        this.counters.busy++
        return undefined
      }
      this.counters.misses++
      index = this.load(id, sha256, free)
    }
    const slot = this.slots[index]!
    slot.refs++
    slot.lastUsed = ++this.tick
    slot.ids.add(id)
    return index
  }

  /** Gives back a slot from `acquire`. Slot 0 (the base model) is never acquired; releasing it does nothing. */
  release(index: number): void {
    if (index === 0) return
    const slot = this.slots[index]
    if (!slot || slot.refs === 0) throw new AdapterSlotError('released more times than acquired', index)
    slot.refs--
  }

  /**
   * Keeps an adapter resident for good, loading it now when a slot is free (else at its next acquire).
   * Returns its slot, or undefined when not yet resident. At most slots-1 adapters can be pinned.
   */
  pin(id: string): number | undefined {
    const sha256 = this.shaOf(id)
    const pinned = new Set(this.pins.values())
    if (!pinned.has(sha256) && pinned.size >= this.buffers.slots - 1) {
      throw new AdapterPinLimitError(id, this.buffers.slots - 1)
    }
    let index = this.bySha.get(sha256)
    if (index === undefined) {
      const free = this.freeSlot()
      if (free !== undefined) index = this.load(id, sha256, free)
    }
    this.pins.set(id, sha256)
    return index
  }

  /** Lets a pinned adapter be evicted again. Returns whether it was pinned. */
  unpin(id: string): boolean {
    return this.pins.delete(id)
  }

  /**
   * Unpins an adapter and clears its slot, before it is removed from the registry. Throws
   * `AdapterInUseError` while requests hold it. Returns whether a slot was cleared (a blob another pinned
   * name shares stays resident).
   */
  evict(id: string): boolean {
    const sha256 = this.shaOf(id)
    const index = this.bySha.get(sha256)
    const slot = index === undefined ? undefined : this.slots[index]
    if (slot && slot.refs > 0) throw new AdapterInUseError(id, slot.refs)
    this.pins.delete(id)
    if (index === undefined || !slot) return false
    slot.ids.delete(id)
    if ([...this.pins.values()].includes(sha256)) return false
    writeSlot(this.buffers, index, null)
    this.slots[index] = undefined
    this.bySha.delete(sha256)
    return true
  }

  /** Ids of pinned adapters, in the order they were pinned. */
  pinnedIds(): string[] {
    return [...this.pins.keys()]
  }

  /** Ids of resident adapters (every registered name that acquired a resident blob). */
  residentIds(): string[] {
    const ids: string[] = []
    for (const slot of this.slots) {
      for (const id of slot?.ids ?? []) if (this.registry.get(id)?.sha256 === slot!.sha256) ids.push(id)
    }
    return ids
  }

  stats(): AdapterCacheStats {
    const resident = this.slots.filter((slot) => slot !== undefined)
    const sorted = [...this.loadTimes].sort((a, b) => a - b)
    const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    return {
      slots: this.buffers.slots - 1,
      resident: resident.length,
      pinned: new Set(this.pins.values()).size,
      inUse: resident.filter((slot) => slot.refs > 0).length,
      ...this.counters,
      loadMsP50: quantile(0.5),
      loadMsP99: quantile(0.99),
    }
  }

  private shaOf(id: string): string {
    const info = this.registry.get(id)
    if (!info) throw new AdapterNotFoundError(id)
    return info.sha256
  }

  /** An empty slot, else the least recently used idle, unpinned one. */
  private freeSlot(): number | undefined {
    const pinned = new Set(this.pins.values())
    let best: number | undefined
    for (let index = 1; index < this.slots.length; index++) {
      const slot = this.slots[index]
      if (!slot) return index
      if (slot.refs > 0 || pinned.has(slot.sha256)) continue
      if (best === undefined || slot.lastUsed < this.slots[best]!.lastUsed) best = index
    }
    return best
  }

  /** No request can ever free a slot: each holds a pinned adapter. */
  private everySlotPinned(): boolean {
    const pinned = new Set(this.pins.values())
    return this.slots.every((slot, index) => index === 0 || (slot !== undefined && pinned.has(slot.sha256)))
  }

  /** Reads and checks the weights, then (only then) replaces the slot's occupant. */
  private load(id: string, sha256: string, index: number): number {
    const started = performance.now()
    try {
      writeSlot(this.buffers, index, this.registry.readWeights(id))
    } catch (error) {
      this.counters.loadErrors++
      throw error
    }
    const victim = this.slots[index]
    if (victim) {
      this.bySha.delete(victim.sha256)
      this.counters.evictions++
    }
    this.slots[index] = { sha256, ids: new Set([id]), refs: 0, lastUsed: ++this.tick }
    this.bySha.set(sha256, index)
    const ms = performance.now() - started
    this.counters.loads++
    this.counters.loadMsTotal += ms
    this.loadTimes.push(ms)
    if (this.loadTimes.length > this.loadTimeWindow) this.loadTimes.shift()
    return index
  }
}
