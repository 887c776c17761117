import type { LlamaConfig } from '../model/types.js'
import { KvCacheCapacityError } from './errors.js'

/**
 * The KV cache of the running batch: per layer one key and one value buffer laid out
 * [row, kvHead, position, headDim] with a fixed row capacity and a position capacity that grows in powers of
 * two. Rows are kept compact (0..rows-1) so the active block is one contiguous view for the graph.
 */
export class KvCache {
  readonly keys: Float32Array[]
  readonly values: Float32Array[]
  private capacity: number

  constructor(
    private readonly config: LlamaConfig,
    readonly maxRows: number,
    initialPositions = 64,
  ) {
    this.capacity = Math.min(initialPositions, config.maxSeqLen)
    this.keys = Array.from({ length: config.nLayers }, () => new Float32Array(this.layerSize(this.capacity)))
    this.values = Array.from(
      { length: config.nLayers },
      () => new Float32Array(this.layerSize(this.capacity)),
    )
  }

  /** Positions each row can hold now (T of the graph's past inputs). */
  get positions(): number {
    return this.capacity
  }

  /** Grows the position capacity (doubling, at most maxSeqLen) until `needed` positions fit. */
  ensurePositions(needed: number): void {
    if (needed <= this.capacity) return
    if (needed > this.config.maxSeqLen) throw new KvCacheCapacityError(needed, this.config.maxSeqLen)
    let next = this.capacity
    while (next < needed) next = Math.min(next * 2, this.config.maxSeqLen)
    const { nKvHeads, headDim } = this.config
    for (const buffers of [this.keys, this.values]) {
      for (let layer = 0; layer < buffers.length; layer++) {
        const old = buffers[layer]!
        const grown = new Float32Array(this.layerSize(next))
        for (let block = 0; block < this.maxRows * nKvHeads; block++) {
          grown.set(
            old.subarray(block * this.capacity * headDim, (block + 1) * this.capacity * headDim),
            block * next * headDim,
          )
        }
        buffers[layer] = grown
      }
    }
    this.capacity = next
  }

  /** The graph view of rows [first, first + count): one contiguous block per layer. */
  view(layer: number, kind: 'key' | 'value', first: number, count: number): Float32Array {
    const rowSize = this.config.nKvHeads * this.capacity * this.config.headDim
    const buffer = (kind === 'key' ? this.keys : this.values)[layer]!
    return buffer.subarray(first * rowSize, (first + count) * rowSize)
  }

  /**
   * Writes a step's new keys or values ([count, kvHeads, S, headDim] from the graph) at each row's
   * positions: row first + i gets its first lengths[i] tokens at starts[i]…
   */
  write(
    layer: number,
    kind: 'key' | 'value',
    first: number,
    data: Float32Array,
    step: number,
    starts: number[],
    lengths: number[],
  ): void {
    const { nKvHeads, headDim } = this.config
    const buffer = (kind === 'key' ? this.keys : this.values)[layer]!
    for (let i = 0; i < starts.length; i++) {
      for (let head = 0; head < nKvHeads; head++) {
        const from = (i * nKvHeads + head) * step * headDim
        const to = (((first + i) * nKvHeads + head) * this.capacity + starts[i]!) * headDim
        buffer.set(data.subarray(from, from + lengths[i]! * headDim), to)
      }
    }
  }

  /** Moves a row's cache to another row (compaction after a row leaves). */
  moveRow(from: number, to: number): void {
    if (from === to) return
    const rowSize = this.config.nKvHeads * this.capacity * this.config.headDim
    for (const buffer of [...this.keys, ...this.values])
      buffer.copyWithin(to * rowSize, from * rowSize, (from + 1) * rowSize)
  }

  private layerSize(positions: number): number {
    return this.maxRows * this.config.nKvHeads * positions * this.config.headDim
  }
}
